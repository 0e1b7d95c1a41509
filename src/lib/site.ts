import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { siteSchema, type Site } from '../schemas/site.ts';
import { InputError } from '../pipeline/errors.ts';
import { projectRoot } from './paths.ts';

/**
 * The collection's site file, `content/site.yaml` (optional: every field has a default), with
 * `SITE_URL` from the environment overriding its `url`. A bad value throws one line naming the
 * file and the field.
 */
export function loadSite(root = projectRoot(), env: Record<string, string | undefined> = process.env): Site {
  const file = join(root, 'content/site.yaml');
  let raw: unknown;
  try {
    raw = existsSync(file) ? (parse(readFileSync(file, 'utf8')) ?? {}) : {};
  } catch (e) {
    throw new InputError(`content/site.yaml: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const withEnv = env['SITE_URL'] && typeof raw === 'object' ? { ...raw, url: env['SITE_URL'] } : raw;
  const checked = siteSchema.safeParse(withEnv);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new InputError(`content/site.yaml: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const url = checked.data.url.endsWith('/') ? checked.data.url : `${checked.data.url}/`;
  return { ...checked.data, url };
}

let cached: Site | undefined;
/** The site file of the collection being built (read once per process). */
export const site = (): Site => (cached ??= loadSite());

/** Absolute URL of a site path (`/speeches/x/` → `https://example.org/speeches/x/`). */
export const absolute = (path: string): string => new URL(path.replace(/^\//u, ''), site().url).href;
