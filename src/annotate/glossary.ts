import { existsSync } from 'node:fs';
import { glossarySchema, type GlossaryTerm } from '../schemas/annotations.ts';
import { InputError } from '../pipeline/errors.ts';
import { readYaml } from '../pipeline/rules.ts';

/** Where the glossary lives, relative to the project root. */
export const GLOSSARY_FILE = 'content/glossary.yaml';

/** Slugs taken by the glossary's own pages (`/glossary/trends/`), so no term may have them. */
const RESERVED_SLUGS = new Set(['trends']);

/** Read and validate the glossary; slugs, terms and surface forms must be unique, related terms must exist. */
export function loadGlossary(path = GLOSSARY_FILE): GlossaryTerm[] {
  if (!existsSync(path)) return [];
  const terms = readYaml(path, glossarySchema);
  const seen = new Map<string, string>();
  const slugs = new Set<string>();
  for (const t of terms) {
    if (RESERVED_SLUGS.has(t.slug))
      throw new InputError(`${path}: ${t.term}: slug "${t.slug}" is a page of the glossary`);
    if (slugs.has(t.slug)) throw new InputError(`${path}: ${t.term}: slug "${t.slug}" is used twice`);
    slugs.add(t.slug);
    for (const form of [t.term, ...t.aliases]) {
      const owner = seen.get(form);
      if (owner) throw new InputError(`${path}: ${t.term}: "${form}" is already a form of ${owner}`);
      seen.set(form, t.term);
    }
  }
  const names = new Set(terms.map((t) => t.term));
  for (const t of terms) {
    for (const r of t.related) {
      if (!names.has(r)) throw new InputError(`${path}: ${t.term}: related term "${r}" is not in the glossary`);
    }
  }
  return terms;
}

/** A term found in a text: [start, end) and the term it belongs to. */
export interface TermHit {
  start: number;
  end: number;
  term: GlossaryTerm;
}

/**
 * Finds glossary terms in text, leftmost-longest: at each position the longest surface form wins
 * (四个意识 before 四个, 双随机、一公开 before 双随机), and matches never overlap. Quote marks are
 * not part of any form, so “六稳” is found as 六稳.
 */
export class TermMatcher {
  private readonly byFirst = new Map<string, Array<{ form: string; term: GlossaryTerm }>>();

  constructor(terms: readonly GlossaryTerm[]) {
    for (const term of terms) {
      for (const form of [term.term, ...term.aliases]) {
        const list = this.byFirst.get(form[0]!) ?? [];
        list.push({ form, term });
        this.byFirst.set(form[0]!, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.form.length - a.form.length);
  }

  /** Every term occurrence in `text`, left to right. */
  find(text: string): TermHit[] {
    const hits: TermHit[] = [];
    for (let i = 0; i < text.length;) {
      const hit = this.byFirst.get(text[i]!)?.find((c) => text.startsWith(c.form, i));
      if (hit) {
        hits.push({ start: i, end: i + hit.form.length, term: hit.term });
        i += hit.form.length;
      } else i++;
    }
    return hits;
  }
}
