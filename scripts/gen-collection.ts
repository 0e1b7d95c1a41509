/**
 * Generate a synthetic collection of speeches for scale benchmarks (issue 7), by recombining REAL
 * paragraphs, headings, closings and meeting names from the seeds (`content/speeches/*.txt`) and
 * the sample corpus (`../shared/corpus/*.txt`, GBK files named `*.gbk.txt`), so that an index sees
 * the variety of real text rather than copies of five speeches.
 *
 * Writes a self-contained content root: `DIR/content/speeches/<nnnnn>.txt` (UTF-8) plus copies of
 * `content/cleaning.yaml`, `taxonomy.yaml` and `glossary.yaml` (no annotations). Speech i depends
 * only on the seed and i, so the first 1,000 of a 10,000 collection are the 1,000 collection.
 * `--broken K` adds K bad files (empty, binary, advertising only), cycling through the kinds.
 *
 * Usage: node scripts/gen-collection.ts --count N --out DIR [--seed S] [--broken K] [--corpus DIR]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG_FILES = ['cleaning.yaml', 'taxonomy.yaml', 'glossary.yaml'];

// ---------------------------------------------------------------------------------------------
// Randomness

/** A seeded PRNG (mulberry32): a function returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a few numbers, to give every speech its own PRNG stream. */
function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;

/** A standard normal deviate (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

// ---------------------------------------------------------------------------------------------
// Sources

/** One source text, decoded. */
export interface Source {
  name: string;
  text: string;
}

/** Seeds and corpus files, decoded (`*.gbk.txt` as GB18030, the rest as UTF-8), sorted by name. */
export function readSources(seedsDir: string, corpusDir: string | null): Source[] {
  const read = (dir: string): Source[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => {
            const bytes = fs.readFileSync(path.join(dir, f));
            const label = /\.gbk\.txt$/iu.test(f) ? 'gb18030' : 'utf-8';
            return { name: f, text: new TextDecoder(label).decode(bytes) };
          })
      : [];
  return [...read(seedsDir), ...(corpusDir ? read(corpusDir) : [])];
}

const CJK = '\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f“”‘’…—';
/** Whitespace between two Chinese characters or punctuation marks is layout (政 府 工 作), not text. */
const CJK_GAP = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/** A source line without HTML residue, entities and layout whitespace. */
function tidy(line: string): string {
  return line
    .replace(/^\uFEFF/u, '')
    .replace(/<[^<>\n]{1,80}>/gu, ' ') // tags, and the literal <U+00A0> of a bad scrape
    .replace(/&(?:nbsp|amp|lt|gt|quot|#\d+);/gu, ' ')
    .replace(/[\u00a0\u3000\t]/gu, ' ')
    .trim()
    .replace(CJK_GAP, '')
    .replace(/ {2,}/gu, ' ');
}

/** Lines this long are several paragraphs run together (one-line layouts): cut them at sentence ends. */
const MAX_PARAGRAPH = 700;

/** Split an over-long line into paragraphs of about 200–500 characters at sentence ends. */
function splitLong(line: string): string[] {
  if (line.length <= MAX_PARAGRAPH) return [line];
  const sentences = line.match(/[^。！？]*[。！？]+[”’」）)]*|[^。！？]+$/gu) ?? [line];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    cur += s;
    if (cur.length >= 300) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) {
    if (cur.length < 80 && out.length) out[out.length - 1] += cur;
    else out.push(cur);
  }
  return out;
}

/** Cleaned, non-empty lines of a source text, long runs split into paragraphs. */
export function sourceLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/u)
    .map(tidy)
    .filter((l) => l !== '')
    .flatMap(splitLong);
}

// ---------------------------------------------------------------------------------------------
// Cleaning rules (content/cleaning.yaml), to keep advertising out of the pool and to make the
// advertising-only broken file from real advertising lines.

interface CleaningRules {
  blocks: { start: RegExp; end: RegExp; maxLines: number }[];
  lines: RegExp[];
}

/** The patterns of a cleaning.yaml. */
export function loadCleaning(file: string): CleaningRules {
  type Raw = {
    blocks?: { start: string; end: string; maxLines: number }[];
    lines?: { pattern: string }[];
  };
  const raw = (parseYaml(fs.readFileSync(file, 'utf8')) ?? {}) as Raw;
  return {
    blocks: (raw.blocks ?? []).map((b) => ({
      start: new RegExp(b.start, 'u'),
      end: new RegExp(b.end, 'u'),
      maxLines: b.maxLines,
    })),
    lines: (raw.lines ?? []).map((l) => new RegExp(l.pattern, 'u')),
  };
}

/** Indexes of the lines the cleaning rules remove (lines as the converter sees them: trimmed). */
function removedLines(lines: readonly string[], rules: CleaningRules): Set<number> {
  const removed = new Set<number>();
  lines.forEach((l, i) => {
    if (rules.lines.some((re) => re.test(l))) removed.add(i);
    for (const b of rules.blocks) {
      if (!b.start.test(l)) continue;
      for (let j = i + 1; j <= i + b.maxLines && j < lines.length; j++) {
        if (b.end.test(lines[j] ?? '')) {
          for (let k = i; k <= j; k++) removed.add(k);
          break;
        }
      }
    }
  });
  return removed;
}

// ---------------------------------------------------------------------------------------------
// The pool of real pieces

/**
 * Every numbering marker the converter knows (一、 （一） 1. （1） 第一， 一是 一要 首先), half- and
 * full-width: a pool paragraph must start with none of them, or it would become a heading.
 */
const ANY_MARKER =
  /^(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[）)]|[一二三四五六七八九十]{1,3}[、．.是要]|[0-9０-９]{1,2}[.．、]|第[一二三四五六七八九十]{1,3}[，,、：:]|(?:首先|其次|再次|最后)[，,：:])/u;
const PART_MARKER =
  /^(?:[一二三四五六七八九十]{1,3}[、．.](?![一二三四五六七八九十])|第[一二三四五六七八九十]{1,3}[，,、：:])/u;
const SUB_MARKER = /^[（(][一二三四五六七八九十]{1,3}[）)]/u;
const TITLE_LIKE = /(?:上|时)的(?:讲话|发言|致辞|报告)|政府工作报告/u;
const SALUTATION = /^(?:同志们|各位代表|各位委员|同志们、朋友们|女士们、先生们)[：:！!]?$/u;
const CLOSING = /^同志们[，,！!]/u;

/** Real pieces to recombine, deduplicated (some sources print their body twice). */
export interface Pool {
  paragraphs: string[];
  /** The same paragraphs by the level of their source, so a county speech reads mostly local. */
  byScope: { national: string[]; local: string[] };
  /** Headings of parts (一、…), marker and end punctuation stripped. */
  parts: string[];
  /** Headings of subsections (（一）…), marker and end punctuation stripped. */
  subs: string[];
  /** Closing paragraphs that start 同志们，… */
  closings: string[];
  /** Meeting names from titles and text, with the level they fit. */
  meetings: Meeting[];
  /**
   * Runs of consecutive lines that content/cleaning.yaml removes, for the advertising-only file;
   * kept as runs because a block rule (关键词： + the next line) only matches the lines together.
   */
  adRuns: string[];
}

/** A meeting name taken from a real title or mention, made generic (no year, no place). */
export interface Meeting {
  name: string;
  /** National meetings (全国…, 中央…) go with national titles only. */
  national: boolean;
  /** A numbered session (第…届…第…次会议): its title carries no year, the byline gives the date. */
  session: boolean;
}

/** The heading of a numbered line: its first sentence, marker and end punctuation stripped. */
function headingText(line: string, marker: RegExp): { head: string; rest: string } | null {
  const body = line.replace(marker, '').trim();
  const end = body.search(/[。！？]/u);
  const head = (end < 0 ? body : body.slice(0, end)).replace(/[，、；：,;:]+$/u, '');
  const rest = end < 0 ? '' : body.slice(end + 1).trim();
  if (head.length < 4 || head.length > 40 || ANY_MARKER.test(head)) return null;
  return { head, rest };
}

/** A running-text paragraph of the pool: real sentences, no marker, not a title or a byline. */
function isParagraph(line: string): boolean {
  return (
    line.length >= 20 &&
    /[。！？；]/u.test(line) &&
    !ANY_MARKER.test(line) &&
    !SALUTATION.test(line) &&
    !CLOSING.test(line) &&
    !(TITLE_LIKE.test(line) && !line.includes('。')) &&
    !/^——?\d{4}年/u.test(line) && // a report's byline (——2019年3月4日在…会议上)
    !/记者|摄\s*$|^关键词|^来源：|^时间：/u.test(line) // captions and page chrome
  );
}

const MEETING = /在([^，。；：！？“”《》、\s]{2,50}?(?:会议|座谈会|研讨班|动员会|推进会|大会|全会))上/gu;

/** Meeting names mentioned as 在…会议上 anywhere in a text, made generic. */
function meetingsOf(line: string): Meeting[] {
  const out: Meeting[] = [];
  for (const m of line.matchAll(MEETING)) {
    let name = (m[1] ?? '').replace(/^.*召开的/u, '');
    // Vague references (那次座谈会, 去年的…, 党的会议) name no meeting.
    if (/那次|这次|此次|上次|去年|今年|明年|党的会议|全会第|本次/u.test(name)) continue;
    name = name.replace(/\d{4}年/gu, '');
    const national = /全国|中央|国务院|省部级|党的十/u.test(name);
    if (!national) name = name.replace(/^.*?[市区县省](?=第)/u, ''); // 海拉尔区第十四届… → 第十四届…
    name = name.replace(/^(?:全县|全市|全省|全区|[县市省区](?=政府|委))/u, '');
    if (name.length < 4 || name.length > 40) continue;
    const session = /届/u.test(name);
    out.push({ name, national, session });
    // 中央经济工作会议 has local counterparts: 全县经济工作会议.
    if (national && /^中央(?!纪)/u.test(name)) out.push({ name: name.slice(2), national: false, session: false });
  }
  return out;
}

/** Whether a source speaks for the nation (全国, 国务院) more than for a locality (全县, 我市). */
function isNational(text: string): boolean {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  return count(/全国|国务院|党中央|全党/gu) > count(/全[县区市省]|我[县区市省]/gu);
}

/** Collect the pool from the sources. */
export function buildPool(sources: readonly Source[], rules: CleaningRules): Pool {
  const paragraphs = new Map<string, 'national' | 'local'>();
  const parts = new Set<string>();
  const subs = new Set<string>();
  const closings = new Set<string>();
  const meetings = new Map<string, Meeting>();
  const adRuns = new Set<string>();
  for (const s of sources) {
    const scope = isNational(s.text) ? 'national' : 'local';
    const addParagraph = (p: string) => {
      if (!paragraphs.has(p)) paragraphs.set(p, scope);
    };
    const lines = sourceLines(s.text);
    const removed = removedLines(lines, rules);
    let run: string[] = [];
    lines.forEach((line, i) => {
      if (removed.has(i)) {
        run.push(line);
        if (!removed.has(i + 1)) adRuns.add(run.join('\n'));
        return;
      }
      run = [];
      for (const m of meetingsOf(line)) meetings.set(m.name, m);
      const marker = PART_MARKER.test(line) ? PART_MARKER : SUB_MARKER.test(line) ? SUB_MARKER : null;
      if (marker) {
        const h = headingText(line, marker);
        if (h) {
          (marker === PART_MARKER ? parts : subs).add(h.head);
          // The body text a run-in heading shares its line with is real text too.
          if (isParagraph(h.rest)) addParagraph(h.rest);
        }
      } else if (CLOSING.test(line) && line.length >= 20) {
        closings.add(line);
      } else if (isParagraph(line)) {
        addParagraph(line);
      }
    });
  }
  const all = [...paragraphs.keys()];
  const pool: Pool = {
    paragraphs: all,
    byScope: {
      national: all.filter((p) => paragraphs.get(p) === 'national'),
      local: all.filter((p) => paragraphs.get(p) === 'local'),
    },
    parts: [...parts],
    subs: [...subs],
    closings: [...closings],
    meetings: [...meetings.values()],
    adRuns: [...adRuns],
  };
  const lists = { ...pool, ...pool.byScope } as Record<string, unknown>;
  for (const [k, v] of Object.entries(lists)) {
    if (Array.isArray(v) && v.length === 0 && k !== 'adRuns')
      throw new Error(`no ${k} paragraphs/pieces in the sources`);
  }
  return pool;
}

// ---------------------------------------------------------------------------------------------
// One speech

const CN_DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 20 → 二十 (up to 99). */
function cn(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? CN_DIGITS[tens] : ''}十${ones ? CN_DIGITS[ones] : ''}`;
}

type Level = '县' | '市' | '省' | '国家';
const LEVELS: readonly Level[] = ['县', '县', '县', '市', '市', '省', '国家'];
const SPEAKERS: Record<Level, string> = {
  县: '××县人民政府县长',
  市: '××市人民政府市长',
  省: '××省人民政府省长',
  国家: '国务院副总理',
};

/** The title line: 在<year>年<scope><meeting>上的讲话, with a meeting of the sources. */
function title(rng: Rng, pool: Pool, level: Level, year: number): { text: string; hasYear: boolean } {
  const fitting = pool.meetings.filter((m) => m.national === (level === '国家'));
  const m = pick(rng, fitting.length ? fitting : pool.meetings);
  const suffix = chance(rng, 0.85) ? '讲话' : pick(rng, ['总结讲话', '动员讲话', '发言']);
  if (m.session) {
    const place = level === '国家' ? '' : `××${level}`;
    return { text: `在${place}${m.name}上的${suffix}`, hasYear: false };
  }
  let scope: string;
  if (level === '国家') scope = /^(?:全国|中央|国务院)/u.test(m.name) ? '' : '全国';
  else scope = /^(?:政府|委)/u.test(m.name) ? level : `全${level}`;
  return { text: `在${year}年${scope}${m.name}上的${suffix}`, hasYear: true };
}

/** A size in characters: log-normal around 15,000, kept within 5,000–30,000. */
function targetSize(rng: Rng): number {
  return Math.round(Math.min(30000, Math.max(5000, 15000 * Math.exp(0.36 * gaussian(rng)))));
}

/** Paragraphs drawn from the pool without repeating one within a speech. */
function drawer(rng: Rng, pool: readonly string[]): () => string {
  const used = new Set<number>();
  return () => {
    let i = Math.floor(rng() * pool.length);
    for (let tries = 0; used.has(i) && tries < 8; tries++) i = Math.floor(rng() * pool.length);
    used.add(i);
    return pool[i] as string;
  };
}

/** Quantities (7.2%, 37.8亿元, 65个), not years, dates or ordinals. */
const QUANTITY =
  /(?<![0-9.第])[0-9]+(?:\.[0-9]+)?(?=%|％|万|亿|元|个|户|人|家|项|公里|千米|吨|倍|套|所|座|条|件|亩|平方)/gu;

/**
 * Real paragraphs with their figures changed, half of them each time a paragraph is reused:
 * every real speech reports its own statistics, and an index should see that many numbers.
 */
function figures(rng: Rng, draw: () => string): () => string {
  const vary = (n: string) => {
    const [whole = '', frac] = n.split('.');
    const lo = whole.length > 1 ? 10 ** (whole.length - 1) : 1;
    const w = String(int(rng, lo, 10 ** whole.length - 1));
    return frac ? `${w}.${String(int(rng, 0, 10 ** frac.length - 1)).padStart(frac.length, '0')}` : w;
  };
  return () => draw().replace(QUANTITY, (n) => (chance(rng, 0.5) ? vary(n) : n));
}

/** Split `total` into `n` shares of random size (each at least a third of the mean). */
function shares(rng: Rng, total: number, n: number): number[] {
  const w = Array.from({ length: n }, () => 1 + 2 * rng());
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (total * x) / sum);
}

/** The lines of one generated speech (no line ends). */
export function speechLines(pool: Pool, seed: number, index: number): string[] {
  const rng = mulberry32(mix(seed, index));
  const level = pick(rng, LEVELS);
  const year = int(rng, 2000, 2026);
  const t = title(rng, pool, level, year);
  const lines = [t.text];
  if (!t.hasYear || chance(rng, 0.7)) lines.push(`（${year}年${int(rng, 1, 12)}月${int(rng, 1, 28)}日）`);
  if (chance(rng, 0.25)) lines.push(`${SPEAKERS[level]} ×××`);
  lines.push(t.hasYear ? '同志们：' : '各位代表：');

  // Mostly paragraphs of sources at the speech's own level, some of the other: local speeches
  // quote national reports, and the level the converter infers follows the title.
  const own = drawer(rng, level === '国家' ? pool.byScope.national : pool.byScope.local);
  const other = drawer(rng, level === '国家' ? pool.byScope.local : pool.byScope.national);
  const para = figures(rng, () => (chance(rng, 0.6) ? own() : other()));
  const target = targetSize(rng);
  let size = 0;
  const add = (line: string) => {
    lines.push(line);
    size += line.length;
  };
  // Fill up to absolute checkpoints (not budgets), so one long paragraph's overshoot is taken
  // out of the next section and the speech ends near its target size.
  let planned = 0;
  const fillTo = (share: number) => {
    planned += share;
    do add(para());
    while (size < planned);
  };

  fillTo(target * 0.06); // the opening: what the meeting is for
  const parts = Math.min(6, Math.max(2, 1 + Math.round(target / 6000) + int(rng, -1, 1)));
  const partHeads = drawer(rng, pool.parts);
  const subHeads = drawer(rng, pool.subs);
  shares(rng, target * 0.92, parts).forEach((budget, p) => {
    add(`${cn(p + 1)}、${partHeads()}`);
    const subs = chance(rng, 0.15) ? 0 : int(rng, 2, 5);
    if (subs === 0) return fillTo(budget);
    const lead = chance(rng, 0.4) ? budget * 0.1 : 0; // a lead-in before the first subsection
    if (lead) fillTo(lead);
    shares(rng, budget - lead, subs).forEach((b, s) => {
      const head = `（${cn(s + 1)}）${subHeads()}`;
      // Run-in (（一）标题。正文…) as often as a heading alone on its line: both are common.
      if (chance(rng, 0.5)) add(`${head}。${para()}`);
      else add(head);
      fillTo(b);
    });
  });
  add(pick(rng, pool.closings));
  return lines;
}

/** The file for speech `index`: its lines with a layout of the seeds (blank lines, indents, CRLF). */
export function speechFile(pool: Pool, seed: number, index: number): string {
  const rng = mulberry32(mix(seed, index, 0x1a4)); // a stream of its own: layout never shifts the text
  const indent = chance(rng, 0.2) ? '\u3000\u3000' : '';
  const eol = chance(rng, 0.1) ? '\r\n' : '\n';
  const gap = chance(rng, 0.4) ? eol : '';
  const lines = speechLines(pool, seed, index);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join(eol + gap) + eol;
}

// ---------------------------------------------------------------------------------------------
// Broken files

type BrokenKind = 'empty' | 'binary' | 'ads';
const BROKEN_KINDS: readonly BrokenKind[] = ['empty', 'binary', 'ads'];

/** The bytes of a broken file of the given kind. */
function brokenFile(kind: BrokenKind, pool: Pool, rng: Rng): Uint8Array {
  if (kind === 'empty') return new Uint8Array(0);
  if (kind === 'binary') {
    // A PNG signature then noise: NUL bytes and invalid UTF-8, as a mis-saved image would be.
    const bytes = new Uint8Array(4096).map(() => Math.floor(rng() * 256));
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    return bytes;
  }
  if (pool.adRuns.length === 0) throw new Error('no advertising lines in the sources for an ads-only file');
  return new TextEncoder().encode(pool.adRuns.join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------
// The collection

/** Options of {@link generateCollection}. */
export interface GenerateOptions {
  count: number;
  out: string;
  seed?: number;
  broken?: number;
  seedsDir?: string;
  corpusDir?: string | null;
}

/** What {@link generateCollection} wrote. */
export interface GenerateReport {
  files: number;
  broken: string[];
  bytes: number;
  /** Characters per speech: min, 10th percentile, median, 90th percentile, max. */
  chars: { min: number; p10: number; median: number; p90: number; max: number; mean: number };
  pool: { paragraphs: number; parts: number; subs: number; closings: number; meetings: number; sources: number };
  ms: number;
}

/** Write `count` speeches (and `broken` bad files) into `out/content/`, replacing what was there. */
export function generateCollection(opts: GenerateOptions): GenerateReport {
  const started = performance.now();
  const out = path.resolve(opts.out);
  if (out === repo || repo.startsWith(out + path.sep) || out.startsWith(path.join(repo, 'content'))) {
    throw new Error(`refusing to write a generated collection over the project: ${out}`);
  }
  const seed = opts.seed ?? 1;
  const seedsDir = opts.seedsDir ?? path.join(repo, 'content', 'speeches');
  const corpusDir = opts.corpusDir === undefined ? path.resolve(repo, '..', 'shared', 'corpus') : opts.corpusDir;
  const sources = readSources(seedsDir, corpusDir);
  const pool = buildPool(sources, loadCleaning(path.join(repo, 'content', 'cleaning.yaml')));

  const content = path.join(out, 'content');
  const speechesDir = path.join(content, 'speeches');
  fs.rmSync(content, { recursive: true, force: true });
  fs.mkdirSync(speechesDir, { recursive: true });
  for (const f of CONFIG_FILES) fs.copyFileSync(path.join(repo, 'content', f), path.join(content, f));

  const width = Math.max(5, String(opts.count).length);
  const sizes: number[] = [];
  let bytes = 0;
  for (let i = 1; i <= opts.count; i++) {
    const text = speechFile(pool, seed, i);
    const data = Buffer.from(text, 'utf8');
    fs.writeFileSync(path.join(speechesDir, `${String(i).padStart(width, '0')}.txt`), data);
    sizes.push(text.replace(/\s/gu, '').length);
    bytes += data.length;
  }
  const broken: string[] = [];
  const rng = mulberry32(mix(seed, 0xbad));
  for (let k = 0; k < (opts.broken ?? 0); k++) {
    const kind = BROKEN_KINDS[k % BROKEN_KINDS.length] as BrokenKind;
    const name = `broken-${String(k + 1).padStart(3, '0')}-${kind}.txt`;
    const data = brokenFile(kind, pool, rng);
    fs.writeFileSync(path.join(speechesDir, name), data);
    broken.push(name);
    bytes += data.length;
  }

  sizes.sort((a, b) => a - b);
  const q = (p: number) => sizes[Math.min(sizes.length - 1, Math.floor(p * sizes.length))] ?? 0;
  return {
    files: opts.count + broken.length,
    broken,
    bytes,
    chars: {
      min: sizes[0] ?? 0,
      p10: q(0.1),
      median: q(0.5),
      p90: q(0.9),
      max: sizes[sizes.length - 1] ?? 0,
      mean: Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)),
    },
    pool: {
      paragraphs: pool.paragraphs.length,
      parts: pool.parts.length,
      subs: pool.subs.length,
      closings: pool.closings.length,
      meetings: pool.meetings.length,
      sources: sources.length,
    },
    ms: Math.round(performance.now() - started),
  };
}

/** One line summing up a {@link GenerateReport}. */
export function describe(r: GenerateReport, out: string): string {
  const c = r.chars;
  return (
    `gen-collection: ${r.files} files (${r.broken.length} broken), ${(r.bytes / 1048576).toFixed(1)} MB in ` +
    `${path.join(out, 'content', 'speeches')} in ${(r.ms / 1000).toFixed(1)} s; characters per speech ` +
    `min ${c.min}, p10 ${c.p10}, median ${c.median}, mean ${c.mean}, p90 ${c.p90}, max ${c.max}; pool from ` +
    `${r.pool.sources} sources: ${r.pool.paragraphs} paragraphs, ${r.pool.parts} part and ${r.pool.subs} ` +
    `subsection headings, ${r.pool.closings} closings, ${r.pool.meetings} meetings`
  );
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const count = Number(option(args, '--count'));
  const out = option(args, '--out');
  if (!Number.isInteger(count) || count < 0 || !out) {
    console.error('usage: gen-collection --count N --out DIR [--seed S] [--broken K] [--corpus DIR]');
    process.exit(2);
  }
  const corpus = option(args, '--corpus');
  const report = generateCollection({
    count,
    out,
    seed: Number(option(args, '--seed') ?? 1),
    broken: Number(option(args, '--broken') ?? 0),
    ...(corpus ? { corpusDir: path.resolve(corpus) } : {}),
  });
  console.log(describe(report, out));
}
