import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlossaryTerm } from '../schemas/annotations.ts';
import type { GlossaryEntry, Kwic, TermPage } from '../schemas/generated.ts';
import type { Speech } from '../schemas/speech.ts';

/** Speeches listed on one page of a term's occurrences. */
export const SPEECHES_PER_PAGE = 100;
/** In-context lines shown per speech; the rest are counted and a link leads to the speech. */
export const LINES_PER_SPEECH = 3;
/** Characters of context either side of a term in a keyword-in-context line. */
const CONTEXT = 12;

type Listed = TermPage['speeches'][number];

/**
 * Characters of a speech's text as the glossary counts terms in it: its blocks (the title line
 * excepted, as terms are found only in the blocks), whitespace aside. The rate's denominator.
 */
export const textCharacters = (blocks: ReadonlyArray<{ text: string }>): number =>
  blocks.reduce((n, b) => n + [...b.text.replace(/\s/gu, '')].length, 0);

/**
 * Counts glossary terms across the collection as the collection stage walks it, newest speech
 * first: occurrences and speeches by year (for the chart and the table), and the speeches with
 * their first few in-context lines, cut into pages so no term page grows with the collection.
 */
export class TermStats {
  private readonly listed = new Map<string, Listed[]>();
  private readonly byYear = new Map<string, Record<string, [number, number, number]>>();
  /** Speeches and characters of speech text per year, over the whole collection (the rate's denominator). */
  private readonly collectionYears: Record<string, [speeches: number, characters: number]> = {};

  private readonly terms: readonly GlossaryTerm[];

  constructor(terms: readonly GlossaryTerm[]) {
    this.terms = terms;
    for (const t of terms) {
      this.listed.set(t.slug, []);
      this.byYear.set(t.slug, {});
    }
  }

  /**
   * Add one speech: its characters (`textCharacters` of its blocks) and every term occurrence in
   * its blocks, linked or not, inside noted quotes too (block text and the hit's range).
   */
  add(
    speech: Pick<Speech, 'slug' | 'title' | 'date'>,
    characters: number,
    hits: ReadonlyArray<{ block: string; text: string; start: number; end: number; slug: string }>,
  ): void {
    const year = String(speech.date.year ?? '');
    if (year) {
      const y = (this.collectionYears[year] ??= [0, 0]);
      y[0] += 1;
      y[1] += characters;
    }
    const mine = new Map<string, Listed>();
    for (const h of hits) {
      let entry = mine.get(h.slug);
      if (!entry) {
        entry = { slug: speech.slug, title: speech.title, date: speech.date, count: 0, lines: [] };
        mine.set(h.slug, entry);
      }
      entry.count++;
      if (entry.lines.length < LINES_PER_SPEECH) {
        const line: Kwic = {
          block: h.block,
          before: h.text.slice(Math.max(0, h.start - CONTEXT), h.start),
          match: h.text.slice(h.start, h.end),
          after: h.text.slice(h.end, h.end + CONTEXT),
        };
        entry.lines.push(line);
      }
    }
    for (const [slug, entry] of mine) {
      this.listed.get(slug)!.push(entry);
      if (year) {
        const y = (this.byYear.get(slug)![year] ??= [0, 0, 0]);
        y[0] += entry.count;
        y[1] += 1;
      }
    }
  }

  /** Every year of the collection (a dated speech), oldest first: year → [speeches, characters]. */
  years(): Record<string, [number, number]> {
    const years = Object.keys(this.collectionYears).sort((a, b) => Number(a) - Number(b));
    return Object.fromEntries(years.map((y) => [y, this.collectionYears[y]!]));
  }

  /**
   * Write `terms/<slug>/<page>.json` and return the glossary entries with their statistics.
   * Written over the last run's pages, then what this run did not write is removed: the dev
   * server may read a term page meanwhile (src/integrations/dev-loop.ts).
   */
  write(dir: string): GlossaryEntry[] {
    const written = new Map<string, number>();
    const entries = this.terms.map((t) => {
      const listed = this.listed.get(t.slug)!;
      const byYear = this.byYear.get(t.slug)!;
      for (const [y, v] of Object.entries(byYear)) v[2] = this.collectionYears[y]![1];
      const pages = Math.max(1, Math.ceil(listed.length / SPEECHES_PER_PAGE));
      mkdirSync(join(dir, t.slug), { recursive: true });
      for (let p = 1; p <= pages; p++) {
        const page: TermPage = {
          page: p,
          pages,
          speeches: listed.slice((p - 1) * SPEECHES_PER_PAGE, p * SPEECHES_PER_PAGE),
        };
        writeFileSync(join(dir, t.slug, `${p}.json`), JSON.stringify(page));
      }
      written.set(t.slug, pages);
      return {
        ...t,
        id: t.slug,
        stats: {
          occurrences: listed.reduce((n, s) => n + s.count, 0),
          speeches: listed.length,
          byYear,
          pages,
        },
      };
    });
    for (const slug of existsSync(dir) ? readdirSync(dir) : []) {
      const pages = written.get(slug);
      if (pages === undefined) rmSync(join(dir, slug), { recursive: true, force: true });
      else for (const f of readdirSync(join(dir, slug))) if (!(parseInt(f, 10) <= pages)) rmSync(join(dir, slug, f));
    }
    return entries;
  }
}
