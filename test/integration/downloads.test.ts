import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { citedTitle } from '../../src/lib/cite.ts';
import { NOTE_KINDS } from '../../src/schemas/annotations.ts';
import type { SpeechMarks, SpeechText } from '../../src/schemas/generated.ts';
import type { SpeechExport } from '../../src/schemas/export.ts';
import { mm, pdfLines, pdfPages, type PdfLine } from '../helpers/pdf.ts';
import { converted, site } from '../helpers/site.ts';

/**
 * Every download of every speech of the fixture site, opened with a real reader: the Word files
 * converted to PDF by LibreOffice (headless) and read back with poppler (page size, margins,
 * lines, page numbers, the text in order, the footnotes); the JSON and JSON Lines validated
 * against the published JSON Schema by ajv.
 */
const speeches = converted();
const work = mkdtempSync(join(tmpdir(), 'yanlu-docx-'));
const shots = resolve('test-results/downloads');
const strip = (s: string) => s.replace(/\s+/gu, '');

// GB/T 9704-2012: A4, top 37 mm, left 28 mm, text block 156 × 225 mm.
const LEFT = mm(28);
const RIGHT = mm(28 + 156);
const TOP = mm(37);
const BOTTOM = mm(37 + 225);
const TOL = mm(1);
/** Punctuation Word and LibreOffice let hang past the text block at the end of a line. */
const PUNCT = '，。、；：？！”’）》」』';
const HANGS = new RegExp(`[${PUNCT}]$`, 'u');

beforeAll(() => {
  // LibreOffice and poppler from Debian, installed when missing and root (else one line and exit 1).
  execFileSync(process.execPath, ['scripts/ensure-libreoffice.ts'], { stdio: 'inherit' });
  for (const s of speeches) copyFileSync(site('dist/speeches', s.slug, `${s.slug}.docx`), join(work, `${s.slug}.docx`));
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${work}/profile`,
      '--convert-to',
      'pdf',
      '--outdir',
      join(work, 'pdf'),
      ...speeches.map((s) => join(work, `${s.slug}.docx`)),
    ],
    { stdio: 'ignore', timeout: 240_000 },
  );
  mkdirSync(shots, { recursive: true });
}, 600_000);

/** A line's kind by the height of its words: title and body (16 and 22 pt), footnotes (12 pt), superscripts. */
const height = (w: { yMin: number; yMax: number }) => w.yMax - w.yMin;
const isPageNumber = (l: PdfLine) => l.yMin > BOTTOM + mm(2);
const bodyWords = (l: PdfLine) => (isPageNumber(l) ? [] : l.words.filter((w) => height(w) >= 18));
const noteWords = (l: PdfLine) => (isPageNumber(l) ? [] : l.words.filter((w) => height(w) >= 13.5 && height(w) < 18));

describe.each(speeches.map((s) => [s.slug, s] as const))('%s.docx in LibreOffice', (slug, s) => {
  const pdf = () => join(work, 'pdf', `${slug}.pdf`);
  const { blocks } = JSON.parse(readFileSync(site('.generated/data/text', `${slug}.json`), 'utf8')) as SpeechText;
  const { notes } = JSON.parse(readFileSync(site('.generated/data/marks', `${slug}.json`), 'utf8')) as SpeechMarks;

  it('is A4 on every page, its text inside the GB/T 9704 text block', () => {
    const pages = pdfPages(pdf());
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      expect(Math.abs(p.width - mm(210))).toBeLessThan(1);
      expect(Math.abs(p.height - mm(297))).toBeLessThan(1);
    }
    const lines = pdfLines(pdf()).filter((l) => !isPageNumber(l));
    // The left edge of the text block is where every line without indent starts.
    expect(Math.min(...lines.map((l) => l.xMin))).toBeCloseTo(LEFT, -0.5);
    for (const l of lines) {
      const text = l.words.map((w) => w.text).join('');
      expect(l.xMin, text).toBeGreaterThan(LEFT - TOL);
      expect(l.yMin, text).toBeGreaterThan(TOP - mm(2));
      expect(l.yMax, text).toBeLessThan(BOTTOM + TOL);
      if (l.xMax > RIGHT + TOL) {
        expect(text, 'only punctuation hangs past the right edge').toMatch(HANGS);
        expect(l.xMax).toBeLessThan(RIGHT + mm(6));
      }
    }
    // Full lines reach the right edge: the block is 156 mm wide, not narrower.
    expect(Math.max(...lines.map((l) => l.xMax))).toBeGreaterThan(RIGHT - mm(2));
    // Each page's first line of text lies in its first grid line below the top margin.
    for (let p = 1; p <= pages.length; p++) {
      const first = lines.find((l) => l.page === p);
      if (first) expect(first.yMin).toBeLessThan(TOP + mm(10.3));
    }
  });

  it('numbers every page — N — in 4号, 7 mm below the text block, odd pages right and even pages left', () => {
    const all = pdfLines(pdf());
    const pages = pdfPages(pdf()).length;
    for (let p = 1; p <= pages; p++) {
      const numbers = all.filter((l) => l.page === p && isPageNumber(l));
      expect(numbers.map((l) => strip(l.words.map((w) => w.text).join('')))).toEqual([`—${p}—`]);
      const n = numbers[0]!;
      expect(n.yMin - BOTTOM).toBeGreaterThan(mm(5));
      expect(n.yMin - BOTTOM).toBeLessThan(mm(9.5));
      // 14 pt: its box is about 1.3 × that high.
      expect(n.yMax - n.yMin).toBeGreaterThan(14);
      expect(n.yMax - n.yMin).toBeLessThan(20);
      if (p % 2) expect(Math.abs(RIGHT - 14 - n.xMax)).toBeLessThan(mm(2));
      else expect(Math.abs(LEFT + 14 - n.xMin)).toBeLessThan(mm(2));
    }
  });

  it('holds the title and every block, in order, and nothing else in the text; the notes only as footnotes', () => {
    const lines = pdfLines(pdf());
    // Line by line, the text must be the next characters of the speech. LibreOffice 7.4 hangs a
    // line's last punctuation mark past the text block (it does not read w:overflowPunct) and
    // paints it nowhere: such a mark, and only such, may be missing at a line's end.
    const expected = strip(citedTitle(s) + blocks.map((b) => b.text).join(''));
    let at = 0;
    const hung: string[] = [];
    for (const l of lines) {
      const text = strip(
        bodyWords(l)
          .map((w) => w.text)
          .join(''),
      );
      if (!text) continue;
      if (!expected.startsWith(text, at) && PUNCT.includes(expected[at] ?? '-') && expected.startsWith(text, at + 1))
        hung.push(expected[at++]!);
      expect(expected.slice(at, at + text.length), `page ${l.page}`).toBe(text);
      at += text.length;
    }
    expect(at).toBe(expected.length);
    expect(hung.length).toBeLessThan(lines.length / 20);
    // The footnotes: their text in order (the number a footnote starts with is set apart, or run into
    // its first word).
    const words = lines.flatMap((l) => noteWords(l).map((w) => w.text));
    const foot = words
      .filter((w, i) => !(/^\d+$/u.test(w) && words[i + 1]?.startsWith('〔')))
      .map((w) => w.replace(/^\d+(?=〔)/u, ''))
      .join('');
    expect(strip(foot)).toBe(strip(notes.map((n) => `〔${NOTE_KINDS[n.kind]}〕“${n.exact}”：${n.body}`).join('')));
    // In the text, one footnote reference (a superscript number) per note, in order, nothing else small.
    const marks = lines
      .filter((l) => bodyWords(l).length > 0)
      .flatMap((l) => {
        // Superscripts: well below the line's type size (a title's are bigger than the text's).
        const size = Math.max(...l.words.map(height));
        return l.words.filter((w) => height(w) < 0.75 * size).map((w) => w.text);
      });
    expect(marks).toEqual(notes.map((n) => String(n.n)));
  });

  it('sets 22 lines a page and 28 characters a line', () => {
    const lines = pdfLines(pdf()).filter((l) => bodyWords(l).length > 0);
    const pages = Math.max(...lines.map((l) => l.page));
    for (let p = 1; p <= pages; p++) {
      const onPage = lines.filter((l) => l.page === p);
      expect(onPage.length).toBeLessThanOrEqual(22);
      // A full page (not the first or the last) holds exactly 22, unless footnotes take room, on it or
      // on the next page (a line with a note's reference goes where the note fits).
      const notesOn = (n: number) => pdfLines(pdf()).some((l) => l.page === n && noteWords(l).length > 0);
      if (p > 1 && p < pages && !notesOn(p) && !notesOn(p + 1)) expect(onPage.length, `page ${p}`).toBe(22);
    }
    // Lines of Chinese only (no Latin letters or digits, which are narrower): at most 28, mostly 28.
    const counts = lines
      .filter((l) => bodyWords(l).every((w) => height(w) < 24))
      .map((l) =>
        bodyWords(l)
          .map((w) => w.text)
          .join(''),
      )
      .filter((t) => !/[\x20-\x7e]/u.test(t))
      .map((t) => [...t].length - (HANGS.test(t) && [...t].length > 28 ? 1 : 0));
    // 29 only where two punctuation marks in a row are set closer (标点挤压), as Word does too.
    expect(Math.max(...counts)).toBeLessThanOrEqual(29);
    const mode = [...new Set(counts)].sort(
      (a, b) => counts.filter((c) => c === b).length - counts.filter((c) => c === a).length,
    )[0];
    expect(mode).toBe(28);
  });

  it('page 1 rendered to PNG has ink only inside the text block and the page number', () => {
    const png = join(shots, `${slug}-page1.png`);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '72', '-png', '-singlefile', pdf(), png.slice(0, -4)]);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    // The same page as a grey map (PGM: a header, then one byte a pixel) to find where the ink is.
    const pgm = execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '72', '-gray', '-singlefile', pdf()]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/u.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    expect(pixels.length).toBe(w * h);
    let inside = 0;
    const stray: string[] = [];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        if (pixels[y * w + x]! > 128) continue;
        const inBlock = x >= LEFT - 3 && x <= RIGHT + mm(6) && y >= TOP - mm(2) && y <= BOTTOM + 3;
        const inNumber = y > BOTTOM + mm(4) && y < BOTTOM + mm(14);
        if (inBlock) inside++;
        else if (!inNumber && stray.length < 3) stray.push(`${x},${y}`);
      }
    expect(stray).toEqual([]);
    expect(inside).toBeGreaterThan(w * h * 0.01);
  });
});

describe('open data, as served', () => {
  const base = () => inject('baseUrl');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: its function is the default export's `default`.
  (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
  let validate: ReturnType<typeof ajv.compile>;
  beforeAll(async () => {
    validate = ajv.compile((await (await fetch(`${base()}/data/speech.schema.json`)).json()) as object);
  });

  it.each(speeches.map((s) => [s.slug, s] as const))(
    '%s.json follows the schema and holds the speech',
    async (slug, s) => {
      const r = await fetch(`${base()}/speeches/${slug}/${slug}.json`);
      expect(r.status).toBe(200);
      const doc = (await r.json()) as SpeechExport;
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      const { blocks } = JSON.parse(readFileSync(site('.generated/data/text', `${slug}.json`), 'utf8')) as SpeechText;
      expect(doc.blocks.map((b) => [b.id, b.text])).toEqual(blocks.map((b) => [b.id, b.text]));
      expect(doc.id).toMatch(/^https?:\/\/[^/]+\/speeches\//u);
      expect(doc.title).toBe(s.title);
      // Every note: its quote in context occurs once in the speech, and its block and offsets select it.
      const text = new Map([['title', s.title], ...blocks.map((b) => [b.id, b.text] as [string, string])]);
      const all = [...text.values()].join('\n');
      for (const a of doc.annotations) {
        const [quote, fragment] = a.target.selector;
        const context = quote.prefix + quote.exact + quote.suffix;
        expect(all.split(context).length - 1, context).toBe(1);
        expect(text.get(fragment.value)!.slice(fragment.refinedBy.start, fragment.refinedBy.end)).toBe(quote.exact);
        expect(a.id).toBe(`${doc.id}#note-${a.id.split('#note-')[1]}`);
      }
      // The plain text is the title and every block, a line each.
      const txt = await (await fetch(`${base()}/speeches/${slug}/${slug}.txt`)).text();
      expect(txt).toBe(`${citedTitle(s)}\n\n${blocks.map((b) => `${b.text}\n`).join('')}`);
    },
  );

  it('the JSON Lines parts hold every speech once, each line the speech’s document, valid against the schema', async () => {
    const index = (await (await fetch(`${base()}/data/index.json`)).json()) as {
      speeches: number;
      parts: Array<{ url: string; speeches: number }>;
    };
    expect(index.speeches).toBe(speeches.length);
    const lines: string[] = [];
    for (const p of index.parts) {
      const body = await (await fetch(`${base()}${new URL(p.url).pathname}`)).text();
      const part = body.trimEnd().split('\n');
      expect(part.length).toBe(p.speeches);
      lines.push(...part);
    }
    expect(lines.length).toBe(speeches.length);
    const slugs = lines.map((l) => {
      const doc = JSON.parse(l) as SpeechExport;
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      return doc.slug;
    });
    expect([...slugs].sort()).toEqual(speeches.map((s) => s.slug).sort());
    for (const slug of slugs.slice(0, 3))
      expect(lines[slugs.indexOf(slug)]).toBe(await (await fetch(`${base()}/speeches/${slug}/${slug}.json`)).text());
  });
});
