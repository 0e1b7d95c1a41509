import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { SpeechText } from '../../src/schemas/generated.ts';
import { converted, site } from './site.ts';

/**
 * The reference figures for the term charts, counted straight from the fixture site's converted
 * texts (`.generated/data/text/<slug>.json`) and its glossary, deliberately without the site's
 * matcher or statistics: in every block of every dated speech, each occurrence of one of a term's
 * forms (its name or an alias; where two of its forms start at one place, the longer) that is not
 * part of an occurrence of a longer form of another term (四个 inside 四个意识 is 四个意识). Noted
 * quotes count: the speaker said them. Characters are the blocks' characters, whitespace aside.
 */
interface Term {
  term: string;
  slug: string;
  aliases?: string[];
}
export const glossary = (parse(readFileSync(site('content/glossary.yaml'), 'utf8')) as Term[]).map((t) => ({
  ...t,
  forms: [t.term, ...(t.aliases ?? [])].sort((a, b) => b.length - a.length),
}));
const allForms = glossary.flatMap((t) => t.forms.map((form) => ({ form, slug: t.slug })));

/** Every start of `needle` in `text`, overlapping ones too. */
function starts(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Occurrences of term `slug` in one text. */
export function countIn(text: string, slug: string): number {
  const term = glossary.find((t) => t.slug === slug)!;
  const longer = allForms.filter((o) => o.slug !== slug);
  let n = 0;
  for (let i = 0; i < text.length;) {
    const form = term.forms.find((f) => text.startsWith(f, i));
    if (!form) {
      i++;
      continue;
    }
    const end = i + form.length;
    const covered = longer.some(
      (o) => o.form.length > form.length && starts(text, o.form).some((k) => k <= i && k + o.form.length >= end),
    );
    if (!covered) n++;
    i = end;
  }
  return n;
}

export interface YearFigures {
  /** Characters of that year's speeches. */
  characters: number;
  /** Term slug → [occurrences, speeches using it]. */
  terms: Map<string, [number, number]>;
}

let cache: Map<string, YearFigures> | undefined;
/** Year → its characters and each term's occurrences and speeches, for every year with a dated speech. */
export function directCounts(): Map<string, YearFigures> {
  if (cache) return cache;
  const years = new Map<string, YearFigures>();
  for (const s of converted()) {
    if (s.date.year == null) continue;
    const { blocks } = JSON.parse(readFileSync(site('.generated/data/text', `${s.slug}.json`), 'utf8')) as SpeechText;
    const year = String(s.date.year);
    const y: YearFigures = years.get(year) ?? { characters: 0, terms: new Map<string, [number, number]>() };
    years.set(year, y);
    y.characters += blocks.reduce((n, b) => n + [...b.text].filter((c) => !/\s/u.test(c)).length, 0);
    for (const t of glossary) {
      const n = blocks.reduce((sum, b) => sum + countIn(b.text, t.slug), 0);
      if (!n) continue;
      const [occ, sp] = y.terms.get(t.slug) ?? [0, 0];
      y.terms.set(t.slug, [occ + n, sp + 1]);
    }
  }
  cache = new Map([...years].sort((a, b) => Number(a[0]) - Number(b[0])));
  return cache;
}

/** A term's rate per 10,000 characters in a year, by the direct count. */
export function directRate(slug: string, year: string): number {
  const y = directCounts().get(year)!;
  return ((y.terms.get(slug)?.[0] ?? 0) / y.characters) * 10_000;
}
