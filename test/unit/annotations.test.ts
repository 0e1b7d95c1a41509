import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary, TermMatcher } from '../../src/annotate/glossary.ts';
import { anchorNotes, type AnchorBlock } from '../../src/annotate/notes.ts';
import { linkableTerms, segments } from '../../src/annotate/segments.ts';
import { annotateSpeech } from '../../src/collection/annotate.ts';
import { InputError } from '../../src/pipeline/errors.ts';
import { readYaml } from '../../src/pipeline/rules.ts';
import { annotationFileSchema, type GlossaryTerm, type Note } from '../../src/schemas/annotations.ts';

const term = (t: string, slug: string, aliases: string[] = []): GlossaryTerm => ({
  term: t,
  slug,
  pinyin: 'x',
  english: 'x',
  category: 'x',
  aliases,
  definition: 'x',
  related: [],
  sources: [],
});
const matcher = new TermMatcher([
  term('四风', 'si-feng'),
  term('四个意识', 'si-ge-yi-shi'),
  term('四个', 'si-ge'),
  term('双随机、一公开', 'shuang-sui-ji', ['双随机一公开']),
  term('双随机', 'shuang'),
  term('六稳', 'liu-wen'),
  term('稳就业', 'wen-jiu-ye'),
]);
const found = (text: string) => matcher.find(text).map((h) => [text.slice(h.start, h.end), h.term.slug]);

describe('term matching', () => {
  it('takes the longest form at each position', () => {
    expect(found('增强四个意识，反对四风，四个方面')).toEqual([
      ['四个意识', 'si-ge-yi-shi'],
      ['四风', 'si-feng'],
      ['四个', 'si-ge'],
    ]);
    expect(found('实行双随机、一公开监管和双随机一公开')).toEqual([
      ['双随机、一公开', 'shuang-sui-ji'],
      ['双随机一公开', 'shuang-sui-ji'],
    ]);
  });

  it('never overlaps: the leftmost match wins (六稳就业 → 六稳, not 稳就业)', () => {
    expect(found('做好六稳就业工作，稳就业')).toEqual([
      ['六稳', 'liu-wen'],
      ['稳就业', 'wen-jiu-ye'],
    ]);
  });

  it('finds quoted forms (“六稳”) as the term', () => {
    expect(found('做好“六稳”“四风”')).toEqual([
      ['六稳', 'liu-wen'],
      ['四风', 'si-feng'],
    ]);
  });

  it('does not link a term that touches a noted quote (the quote links to its note)', () => {
    const text = '坚决做到四个意识和六稳';
    const straddled = [{ n: 1, kind: 'context', start: 6, end: 9 }]; // 意识和
    expect(linkableTerms(text, straddled, matcher).map((h) => text.slice(h.start, h.end))).toEqual(['六稳']);
    const inside = [{ n: 1, kind: 'context', start: 3, end: 9 }]; // 到四个意识和
    expect(linkableTerms(text, inside, matcher).map((h) => text.slice(h.start, h.end))).toEqual(['六稳']);
  });

  it('segments add markup around the words, never words', () => {
    const text = '坚决做到四个意识，落实六稳。';
    const notes = [{ n: 2, kind: 'correction', start: 9, end: 13 }];
    const segs = segments(text, notes, linkableTerms(text, notes, matcher));
    const flat = (s: (typeof segs)[number]): string => (s.type === 'note' ? s.children.map(flat).join('') : s.text);
    expect(segs.map(flat).join('')).toBe(text);
    expect(segs.map((s) => s.type)).toEqual(['text', 'term', 'text', 'note', 'text']);
  });
});

describe('which occurrences link', () => {
  // A speech with no notes file: the opening, two top-level sections, the second with a sub-heading.
  const speech = {
    title: '在会议上的讲话',
    titleDerived: false,
    roles: {},
    source: { file: 'content/speeches/none.txt', encoding: 'utf-8', lineEnding: 'lf', sha256: '' },
  } as unknown as Parameters<typeof annotateSpeech>[0];
  const root = mkdtempSync(join(tmpdir(), 'yanlu-links-'));
  const body = [
    { id: 'p1', text: '反对四风，纠治四风。' },
    { id: 'p2', text: '四风问题和六稳。' },
    { id: 's1', depth: 1, text: '一、坚决纠治四风' },
    { id: 'p3', text: '四风和六稳，六稳。' },
    { id: 's1-1', depth: 2, text: '（一）再谈四风' },
    { id: 'p4', text: '六稳。' },
    { id: 's2', depth: 1, text: '二、稳就业' },
    { id: 'p5', text: '六稳和四风。' },
  ];
  const { marks, hits } = annotateSpeech(speech, body, root, matcher);
  const linked = marks.terms.map(([i, start, end]) => `${body[i]!.id}:${body[i]!.text.slice(start, end)}`);

  it("links a term's first occurrence in each top-level section (the opening counts as one), nothing else", () => {
    expect(linked).toEqual(['p1:四风', 'p2:六稳', 's1:四风', 'p3:六稳', 's2:稳就业', 'p5:六稳', 'p5:四风']);
  });

  it('still reports every occurrence to the statistics', () => {
    expect(hits.length).toBe(body.reduce((n, b) => n + matcher.find(b.text).length, 0));
    expect(hits.filter((h) => h.slug === 'si-feng').map((h) => h.block)).toEqual([
      'p1',
      'p1',
      'p2',
      's1',
      'p3',
      's1-1',
      'p5',
    ]);
  });
});

const blocks: AnchorBlock[] = [
  { id: 'title', text: '在会议上的讲话' },
  { id: 's1', text: '一、加强建设。' },
  { id: 'p1', text: '各地要打肇事业，各部门要打肇环境。', joinsPrevious: true },
  { id: 'p2', text: '推进××高质量发展，××已经站在新起点。' },
];
const note = (n: Partial<Note>): Note => ({ kind: 'correction', exact: '', prefix: '', suffix: '', body: 'b', ...n });

describe('quote anchoring', () => {
  it('places an exact quote with its context, numbering notes in reading order', () => {
    const placed = anchorNotes(
      'f.yaml',
      [note({ exact: '××', prefix: '推进' }), note({ exact: '打肇', suffix: '事业' })],
      blocks,
    );
    expect(placed.map((p) => [p.n, p.block, p.start, p.end])).toEqual([
      [1, 'p1', 3, 5],
      [2, 'p2', 2, 4],
    ]);
  });

  it('lets prefix and suffix reach across a heading and its run-in paragraph, not across lines', () => {
    expect(anchorNotes('f.yaml', [note({ exact: '各地', prefix: '建设。' })], blocks)[0]!.block).toBe('p1');
    expect(() => anchorNotes('f.yaml', [note({ exact: '推进', prefix: '环境。' })], blocks)).toThrow('quote not found');
  });

  it('fails on a missing quote, naming the file, the note and the reason', () => {
    expect(() => anchorNotes('content/annotations/x.yaml', [note({ exact: '打造' })], blocks)).toThrow(
      new InputError(
        'content/annotations/x.yaml: note 1 (“打造”): quote not found in the speech; fix exact/prefix/suffix',
      ),
    );
  });

  it('fails on an ambiguous quote and never picks one', () => {
    expect(() => anchorNotes('x.yaml', [note({ exact: '打肇' })], blocks)).toThrow(
      'x.yaml: note 1 (“打肇”): quote occurs 2 times (p1, p1); lengthen prefix or suffix',
    );
    expect(() => anchorNotes('x.yaml', [note({ exact: '××' })], blocks)).toThrow('quote occurs 2 times (p2, p2)');
  });

  it('fails when the exact quote itself runs across two blocks', () => {
    expect(() => anchorNotes('x.yaml', [note({ exact: '建设。各地' })], blocks)).toThrow('runs across two blocks');
  });

  it('fails on overlapping notes', () => {
    expect(() => anchorNotes('x.yaml', [note({ exact: '打肇事业' }), note({ exact: '事业，各部门' })], blocks)).toThrow(
      'overlap',
    );
  });
});

describe('schema validation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yanlu-ann-'));
  const write = (name: string, body: string) => {
    writeFileSync(join(dir, name), body);
    return join(dir, name);
  };

  it('rejects an unknown note kind, naming the file and the field', () => {
    const f = write('a.yaml', 'speech: a\nnotes:\n  - kind: typo\n    exact: x\n    body: y\n');
    expect(() => readYaml(f, annotationFileSchema)).toThrow(new RegExp(`^${f}: notes\\.0\\.kind: `, 'u'));
  });

  it('rejects a note without a body', () => {
    const f = write('b.yaml', 'speech: b\nnotes:\n  - kind: context\n    exact: x\n');
    expect(() => readYaml(f, annotationFileSchema)).toThrow(`${f}: notes.0.body:`);
  });

  it('rejects a glossary whose related term does not exist, or that repeats a form', () => {
    const base = '- term: 六稳\n  slug: liu-wen\n  pinyin: liù wěn\n  english: x\n  category: x\n  definition: x\n';
    expect(() => loadGlossary(write('g1.yaml', `${base}  related: [六保]\n`))).toThrow(
      'related term "六保" is not in the glossary',
    );
    const dup = `${base}- term: 六保\n  slug: liu-bao\n  pinyin: x\n  english: x\n  category: x\n  definition: x\n  aliases: [六稳]\n`;
    expect(() => loadGlossary(write('g2.yaml', dup))).toThrow('"六稳" is already a form of 六稳');
  });

  it('loads the real glossary: at least 40 terms, unique slugs', () => {
    const terms = loadGlossary();
    expect(terms.length).toBeGreaterThanOrEqual(40);
    expect(new Set(terms.map((t) => t.slug)).size).toBe(terms.length);
  });
});
