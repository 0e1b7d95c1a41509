/**
 * Scores the converter's headings against the hand-reviewed gold outlines in
 * `test/fixtures/outlines/<nn>-<name>/` (input.txt, gold.json, source.json).
 *
 * A gold heading is found when the converter emits a heading with the same text (compared after
 * removing all whitespace and a final 。！？；:：) at the same depth. Recall = found / gold,
 * precision = correct emitted / emitted. Also reports whether the converted title matches the
 * gold title. It is a report: the exit code is always 0.
 *
 * Usage: node scripts/score-outlines.ts [--dir test/fixtures/outlines] [--json] [--misses]
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convertSpeech } from '../src/pipeline/convert.ts';
import { loadCleaningRules, loadTaxonomy } from '../src/pipeline/rules.ts';

interface Gold {
  title: string | null;
  headings: [number, string][];
}

interface DocScore {
  folder: string;
  kind: string;
  year: number | null;
  gold: number;
  emitted: number;
  found: number;
  /** Gold headings whose text was emitted, but at another depth. */
  wrongDepth: number;
  recall: number;
  precision: number;
  goldTitle: string | null;
  title: string | null;
  titleMatch: boolean;
  error?: string;
  missed: [number, string][];
  spurious: [number, string][];
}

const rules = loadCleaningRules('content/cleaning.yaml');
const taxonomy = loadTaxonomy('content/taxonomy.yaml');

/** Whitespace removed, and one final 。！？；:：. */
function norm(text: string): string {
  return text.replace(/\s/gu, '').replace(/[。！？；:：]$/u, '');
}

const key = (depth: number, text: string): string => `${depth}\u0000${norm(text)}`;

/** Multiset matching: how many of `want` are in `have`, and what is left over on each side. */
function match(want: [number, string][], have: [number, string][]) {
  const pool = new Map<string, number>();
  for (const [d, t] of have) pool.set(key(d, t), (pool.get(key(d, t)) ?? 0) + 1);
  const missed: [number, string][] = [];
  let found = 0;
  for (const [d, t] of want) {
    const k = key(d, t);
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      found++;
    } else missed.push([d, t]);
  }
  const spurious: [number, string][] = [];
  for (const [d, t] of have) {
    const k = key(d, t);
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      spurious.push([d, t]);
    }
  }
  return { found, missed, spurious };
}

/** Score one document folder (null when it has no input.txt or gold.json). */
export function scoreFolder(folder: string): DocScore | null {
  const inputPath = join(folder, 'input.txt');
  const goldPath = join(folder, 'gold.json');
  if (!existsSync(inputPath) || !existsSync(goldPath)) return null;
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;
  const sourcePath = join(folder, 'source.json');
  const source = existsSync(sourcePath)
    ? (JSON.parse(readFileSync(sourcePath, 'utf8')) as { kind?: string; year?: number })
    : {};
  const name = folder.split(/[\\/]/u).at(-1)!;
  const base = {
    folder: name,
    kind: source.kind ?? '',
    year: source.year ?? null,
    gold: gold.headings.length,
    goldTitle: gold.title,
  };
  let emittedHeadings: [number, string][];
  let title: string | null;
  let titleDerived: boolean;
  try {
    const converted = convertSpeech({
      file: relative(process.cwd(), inputPath).split('\\').join('/'),
      name: `${name}.txt`,
      bytes: new Uint8Array(readFileSync(inputPath)),
      rules,
      taxonomy,
    });
    emittedHeadings = converted.blocks.flatMap((b) =>
      b.type === 'heading' ? [[b.depth, b.text] as [number, string]] : [],
    );
    title = converted.data.title;
    titleDerived = converted.data.titleDerived;
  } catch (e) {
    return {
      ...base,
      emitted: 0,
      found: 0,
      wrongDepth: 0,
      recall: gold.headings.length ? 0 : 1,
      precision: 1,
      title: null,
      titleMatch: false,
      error: e instanceof Error ? e.message : String(e),
      missed: gold.headings,
      spurious: [],
    };
  }
  const { found, missed, spurious } = match(gold.headings, emittedHeadings);
  const spuriousTexts = new Set(spurious.map(([, t]) => norm(t)));
  const wrongDepth = missed.filter(([, t]) => spuriousTexts.has(norm(t))).length;
  const titleMatch = gold.title === null ? titleDerived : !titleDerived && norm(title) === norm(gold.title);
  return {
    ...base,
    emitted: emittedHeadings.length,
    found,
    wrongDepth,
    recall: gold.headings.length ? found / gold.headings.length : 1,
    precision: emittedHeadings.length ? found / emittedHeadings.length : 1,
    title,
    titleMatch,
    missed,
    spurious,
  };
}

/** Score every document under `dir`, and the totals. */
export function scoreCorpus(dir: string) {
  const folders = readdirSync(dir)
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isDirectory())
    .sort();
  const scores = folders.map(scoreFolder).filter((s): s is DocScore => s !== null);
  const totals = scores.reduce(
    (t, s) => ({
      documents: t.documents + 1,
      gold: t.gold + s.gold,
      emitted: t.emitted + s.emitted,
      found: t.found + s.found,
      wrongDepth: t.wrongDepth + s.wrongDepth,
      titles: t.titles + (s.titleMatch ? 1 : 0),
      errors: t.errors + (s.error ? 1 : 0),
    }),
    { documents: 0, gold: 0, emitted: 0, found: 0, wrongDepth: 0, titles: 0, errors: 0 },
  );
  const summary = {
    ...totals,
    recall: totals.gold ? totals.found / totals.gold : 1,
    precision: totals.emitted ? totals.found / totals.emitted : 1,
  };
  return { scores, summary };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function main(): void {
  const args = process.argv.slice(2);
  const dirAt = args.indexOf('--dir');
  const dir = dirAt >= 0 ? args[dirAt + 1] : 'test/fixtures/outlines';
  if (!dir) {
    console.error('usage: score-outlines [--dir DIR] [--json] [--misses]');
    return;
  }
  const asJson = args.includes('--json');
  const showMisses = args.includes('--misses');
  const { scores, summary } = scoreCorpus(dir);
  if (asJson) {
    console.log(JSON.stringify({ dir, documents: scores, totals: summary }, null, 2));
  } else {
    const rows = [
      ['document', 'gold', 'emitted', 'found', 'wrong depth', 'recall', 'precision', 'title'],
      ...scores.map((s) => [
        s.folder,
        String(s.gold),
        String(s.emitted),
        String(s.found),
        String(s.wrongDepth),
        pct(s.recall),
        pct(s.precision),
        s.error ? `error: ${s.error}` : s.titleMatch ? 'ok' : `got «${s.title ?? ''}»`,
      ]),
      [
        `total (${summary.documents} documents)`,
        String(summary.gold),
        String(summary.emitted),
        String(summary.found),
        String(summary.wrongDepth),
        pct(summary.recall),
        pct(summary.precision),
        `${summary.titles}/${summary.documents} titles`,
      ],
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.slice(0, -1).map((r) => [...r[i]!].length)));
    for (const [n, r] of rows.entries()) {
      if (n === rows.length - 1) console.log(widths.map((w) => '-'.repeat(Math.min(w, 40))).join('  '));
      console.log(
        r
          .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
          .join('  ')
          .trimEnd(),
      );
    }
    if (showMisses) {
      for (const s of scores) {
        if (!s.missed.length && !s.spurious.length) continue;
        console.log(`\n${s.folder}`);
        for (const [d, t] of s.missed) console.log(`  missed   ${d} ${t}`);
        for (const [d, t] of s.spurious) console.log(`  spurious ${d} ${t}`);
      }
    }
  }
}

if (import.meta.main) main();
