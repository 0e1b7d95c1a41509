import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SearchIndexWriter } from '../../src/collection/search-index.ts';
import type { NoteDoc, SearchDoc } from '../../src/schemas/generated.ts';

/**
 * The index writer and the browser's search engine together: an index written to a scratch
 * folder, served to the engine by a fetch that reads that folder (and counts what it reads).
 */
const T2S = { 營: '营', 環: '环' };

/** Facet values with the characters URLs and indexes use as separators, and names of Object's members. */
const ODD = [
  '座谈会|党建',
  'A & B=C',
  'a+b#c%d',
  '双  空格',
  ' 前后空格 ',
  'x,y;z',
  'constructor',
  '__proto__',
  'toString',
];

interface Speech {
  doc: SearchDoc;
  facets: Record<string, string[]>;
  notes?: Array<[kind: string, quote: string, body: string]>;
}

const speech = (i: number, text: string[], facets: Record<string, string[]>, notes?: Speech['notes']): Speech => ({
  doc: {
    u: `/speeches/s${i}/`,
    t: `讲话${i}`,
    d: `${2030 - i}年`,
    k: (2030 - i) * 10000,
    l: i % 2 ? '市' : '县',
    b: text.map((t, j) => [`p${j + 1}`, t]),
  },
  facets,
  ...(notes ? { notes } : {}),
});

// Newest first (id order): s0 … s39. Every speech says 营商环境; some have notes.
const speeches: Speech[] = Array.from({ length: 40 }, (_, i) =>
  speech(
    i,
    [`优化营商环境，第${i}条。`, i % 3 === 0 ? '坚持六稳六保。' : '抓好放管服改革。'],
    {
      year: [String(2030 - Math.floor(i / 4))],
      level: [i % 2 ? '市' : '县'],
      occasion: [ODD[i % ODD.length]!],
      theme: i % 5 === 0 ? ['稳增长', '民生'] : ['民生'],
    },
    i % 4 === 0
      ? [
          ['背景', '营商环境', `注释甲${i}：陕西用语，指营商环境。`],
          ['隐去', '六稳', `注释乙${i}：陕西的说法。`],
        ]
      : undefined,
  ),
);

const glossary: Array<[string, string, string[], string]> = [
  ['liu-wen', '六稳', ['“六稳”'], '稳就业、稳金融……与六保并提。'],
  ['liu-bao', '六保', [], '保居民就业……与六稳并提。'],
  ['fang-guan-fu', '放管服', ['放管服改革'], '简政放权、放管结合、优化服务。'],
];

let dir: string;
let engine: typeof import('../../src/search/engine.ts');
const fetched: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yanlu-engine-'));
  const writer = new SearchIndexWriter(dir, T2S);
  const ids = speeches.map((s) => writer.add(s.doc, s.facets));
  expect(ids).toEqual(speeches.map((_, i) => i));
  speeches.forEach((s, i) => {
    if (!s.notes) return;
    const doc: NoteDoc = {
      ...s.doc,
      s: i,
      b: s.notes.map((n, j) => [`note-${j + 1}`, n[2]]),
      q: s.notes.map((n) => [n[0], n[1]]),
    };
    writer.addNotes(doc, s.facets);
  });
  writer.glossary(glossary);
  writer.finish();
  writeFileSync(join(dir, 't2s.json'), JSON.stringify(T2S));
  vi.stubGlobal('fetch', (url: string) => {
    fetched.push(url);
    const bytes = readFileSync(join(dir, url.replace(/^\/search\//u, '').replace(/\?.*$/u, '')));
    return Promise.resolve({
      ok: true,
      status: 200,
      json: () => Promise.resolve(JSON.parse(bytes.toString('utf8')) as unknown),
      arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
    });
  });
  engine = await import('../../src/search/engine.ts');
});
afterAll(() => {
  vi.unstubAllGlobals();
  rmSync(dir, { recursive: true, force: true });
});

const urls = (pages: ReadonlyArray<{ url: string }>) => pages.map((p) => p.url);
const having = (facet: string, value: string) =>
  speeches.filter((s) => s.facets[facet]!.includes(value)).map((s) => s.doc.u);

describe('facet filters', () => {
  it('find a value exactly as written, whatever characters it holds', async () => {
    for (const value of ODD) {
      const { pages, unverified } = await engine.search('营商环境', { filters: { occasion: value }, limit: Infinity });
      expect(unverified).toBe(0);
      expect(urls(pages), value).toEqual(having('occasion', value));
      const listed = await engine.browse({ occasion: value }, { count: Infinity });
      expect(urls(listed.pages), value).toEqual(having('occasion', value));
    }
  });

  it('find nothing for a value no speech has (not one that merely shares a prefix or a member name)', async () => {
    for (const value of ['座谈会', '双 空格', 'hasOwnProperty', 'valueOf']) {
      expect((await engine.search('营商环境', { filters: { occasion: value } })).pages).toEqual([]);
      expect(await engine.browse({ occasion: value })).toEqual({ pages: [], total: 0 });
    }
  });
});

describe('a filter without a query', () => {
  it('lists the speeches that have every value, newest first, a page at a time', async () => {
    const want = speeches.filter((s) => s.facets['theme']!.includes('民生') && s.doc.l === '县').map((s) => s.doc.u);
    const first = await engine.browse({ theme: '民生', level: '县' }, { count: 5 });
    expect(first.total).toBe(want.length);
    expect(urls(first.pages)).toEqual(want.slice(0, 5));
    const more = await engine.browse({ theme: '民生', level: '县' }, { count: 15 });
    expect(urls(more.pages)).toEqual(want.slice(0, 15));
    const oldest = await engine.browse({ theme: '民生', level: '县' }, { sort: 'oldest', count: 3 });
    expect(urls(oldest.pages)).toEqual([...want].reverse().slice(0, 3));
    expect(more.pages[0]).toEqual({
      url: speeches[0]!.doc.u,
      title: speeches[0]!.doc.t,
      date: speeches[0]!.doc.d,
      dateKey: speeches[0]!.doc.k,
      level: speeches[0]!.doc.l,
      sections: [],
    });
  });

  it('reads the short lists, never a speech text', async () => {
    fetched.length = 0;
    const { pages } = await engine.browse({ year: '2025' }, { count: 20 });
    expect(urls(pages)).toEqual(having('year', '2025'));
    expect(fetched.filter((u) => u.includes('/idx/d/'))).toEqual([]);
  });
});

describe('notes', () => {
  const withNotes = speeches.filter((s) => s.notes);

  it('are found in their own documents, never as speeches', async () => {
    const speechHits = await engine.search('陕西用语', { limit: Infinity });
    expect(speechHits).toMatchObject({ pages: [], unverified: 0 });
    const notes = await engine.searchNotes('陕西用语', { limit: Infinity });
    expect(notes.unverified).toBe(0);
    expect(urls(notes.pages)).toEqual(withNotes.map((s) => s.doc.u));
    const text = withNotes[0]!.notes![0]![2];
    expect(notes.pages[0]!.sections).toEqual([
      {
        id: 'note-1',
        path: [],
        text,
        ranges: [[text.indexOf('陕西用语'), text.indexOf('陕西用语') + 4]],
        note: { kind: '背景', quote: '营商环境' },
      },
    ]);
  });

  it('match when one note holds every term', async () => {
    // 陕西 is in both notes of a speech, 用语 only in the first: only the first note matches.
    const notes = await engine.searchNotes('陕西 用语', { limit: Infinity });
    for (const p of notes.pages) expect(p.sections.map((s) => s.id)).toEqual(['note-1']);
    // 甲 and 说法 are in different notes of the same speech: no note holds both.
    expect((await engine.searchNotes('甲 说法', { limit: Infinity })).pages).toEqual([]);
  });

  it('follow the filters of their speech', async () => {
    const notes = await engine.searchNotes('陕西', { filters: { year: '2030' }, limit: Infinity });
    expect(urls(notes.pages)).toEqual(withNotes.filter((s) => s.facets['year']![0] === '2030').map((s) => s.doc.u));
  });
});

describe('the glossary', () => {
  it('matches term, aliases and definition exactly, the terms that name the query first', async () => {
    expect(urls(await engine.searchGlossary('六稳'))).toEqual(['/glossary/liu-wen/', '/glossary/liu-bao/']);
    expect(urls(await engine.searchGlossary('放管服改革'))).toEqual(['/glossary/fang-guan-fu/']);
    expect(urls(await engine.searchGlossary('稳就业'))).toEqual(['/glossary/liu-wen/']);
    expect(await engine.searchGlossary('六稳六保')).toEqual([]);
  });
});

describe('verification on demand', () => {
  it('verifies exactly the candidates asked for, past the limit', async () => {
    const first = await engine.search('六稳', { limit: 1 });
    expect(first.pages).toHaveLength(1);
    const candidates = first.checked + first.unverified;
    for (const check of [first.checked + 3, first.checked + 10]) {
      fetched.length = 0;
      const r = await engine.search('六稳', { limit: 1, check });
      expect(r.checked).toBe(Math.min(check, candidates));
      expect(r.unverified).toBe(candidates - r.checked);
      // The texts checked before come from the cache: only the new candidates are fetched.
      expect(fetched.filter((u) => u.includes('/idx/d/')).length).toBeLessThanOrEqual(r.checked - first.checked);
    }
    const all = await engine.search('六稳', { limit: Infinity });
    expect(all.pages.length).toBe(speeches.filter((s) => s.doc.b.some(([, t]) => t.includes('六稳'))).length);
  });
});
