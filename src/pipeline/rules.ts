import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'astro/zod';
import type { CleaningRules } from './clean.ts';
import { InputError } from './errors.ts';
import type { Taxonomy } from './metadata.ts';

const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const cleaningSchema = z.object({
  blocks: z.array(z.object({ name: z.string(), start: regex, end: regex, maxLines: z.number().int().min(2) }).strict()),
  lines: z.array(z.object({ name: z.string(), pattern: regex }).strict()),
});

const taxonomySchema = z.object({
  levels: z.array(
    z.object({
      level: z.enum(['县', '市', '省', '国家']),
      patterns: z.array(z.object({ re: regex, weight: z.number().positive() })),
    }),
  ),
  occasions: z.array(z.object({ label: z.string(), re: regex })),
  themes: z.array(z.object({ label: z.string(), re: regex, min: z.number().int().positive() })),
  events: z.array(
    z
      .object({ re: regex, year: z.number().int().optional(), after: z.number().int().optional() })
      .refine((e) => (e.year === undefined) !== (e.after === undefined), 'needs exactly one of year, after'),
  ),
});

/** Read a YAML data file and validate it; errors name the file and the field. */
export function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data;
}

export const loadCleaningRules = (path: string): CleaningRules => readYaml(path, cleaningSchema);
export const loadTaxonomy = (path: string): Taxonomy => readYaml(path, taxonomySchema) as Taxonomy;
