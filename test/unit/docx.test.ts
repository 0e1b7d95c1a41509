import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../src/exports/document.ts';
import { speechDocx } from '../../src/exports/docx.ts';
import { speechDocxReference } from '../../src/exports/docx-library.ts';
import type { PlacedNote, RenderBlock } from '../../src/schemas/generated.ts';

/**
 * The build's Word files (src/exports/docx.ts, written from templates) hold every part the docx
 * library writes for the same speech (speechDocxReference), character for character. Only the
 * time of writing in docProps/core.xml may differ.
 */
const TIME = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z(?=<)/gu;

/** A .docx's parts by path, as text, the timestamps blanked. */
async function parts(docx: Promise<Buffer>): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await docx));
  return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, strFromU8(data).replace(TIME, '$1…')]));
}

async function expectSameParts(input: ExportInput) {
  const [fast, reference] = await Promise.all([parts(speechDocx(input)), parts(speechDocxReference(input))]);
  expect(Object.keys(fast).sort()).toEqual(Object.keys(reference).sort());
  for (const path of Object.keys(reference)) expect(fast[path], path).toBe(reference[path]);
}

/** A speech as export input; only what the Word file reads of its front matter is set. */
function input(
  blocks: RenderBlock[],
  notes: PlacedNote[] = [],
  meta: Partial<ExportInput['meta']> = {},
  site: Partial<Pick<ExportInput, 'url' | 'siteName'>> = {},
): ExportInput {
  const roles: ExportInput['meta']['roles'] = {};
  for (const b of blocks) if (b.role) (roles[b.role as 'byline'] ??= []).push(b.id);
  return {
    meta: {
      title: '在全县廉政工作会议上的讲话',
      titleDerived: false,
      slug: 'a',
      date: { year: 2020, month: 3, day: 5, certainty: 'stated', evidence: '' },
      speaker: null,
      institution: null,
      themes: ['党风廉政', '作风建设'],
      roles,
      ...meta,
    } as ExportInput['meta'],
    blocks,
    notes,
    url: site.url ?? 'http://127.0.0.1:4321/speeches/a/',
    siteName: site.siteName ?? '言录',
    files: { base: 'http://127.0.0.1:4321/speeches/a/', schema: 'http://127.0.0.1:4321/data/speech.schema.json' },
  };
}

const note = (
  n: number,
  block: string,
  start: number,
  end: number,
  kind: PlacedNote['kind'] = 'context',
): PlacedNote => ({
  n,
  block,
  start,
  end,
  kind,
  exact: `引文${n} & <b>`,
  body: `注${n}："说明" 'x' > y`,
});

/** Every kind of block, a run-in paragraph after a heading, notes in the title, headings and run-in text. */
const KINDS: RenderBlock[] = [
  { id: 'p1', role: 'preamble', text: '（根据录音整理）' },
  { id: 'p2', role: 'byline', text: '（2020年3月5日）' },
  { id: 'p3', role: 'salutation', text: '同志们：' },
  { id: 'p4', text: '今天召开会议，研究部署全县党风廉政建设。' },
  { id: 's1', depth: 1, text: '一、提高认识' },
  { id: 'p5', role: 'runin', text: '要深化“放管服”改革，优化营商环境。' },
  { id: 's1-1', depth: 2, text: '（一）抓学习。' },
  { id: 'p6', role: 'runin', text: '要学深悟透。' },
  { id: 's1-1-1', depth: 3, text: '1. 先学一步' },
  { id: 's1-1-1-1', depth: 4, text: '（1）第四层' },
  { id: 's1-1-1-1-1', depth: 5, text: '①第五层' },
  { id: 's1-1-1-1-1-1', depth: 6, text: '第六层' },
  { id: 'p7', role: 'runin', text: '不在标题之后的接排段。' },
  { id: 'p8', role: 'closing', text: '同志们，让我们共同努力。' },
];

describe('speechDocx writes the parts the docx library writes', () => {
  it('for every kind of block, a run-in paragraph after a heading, and notes in the title, headings and run-in text', async () => {
    await expectSameParts(input(KINDS));
    await expectSameParts(
      input(KINDS, [
        note(1, 'title', 0, 2),
        note(2, 'p3', 0, 4, 'correction'),
        note(3, 's1', 2, 6),
        note(4, 'p5', 3, 10, 'source'),
        note(5, 'p5', 0, 17, 'placeholder'),
        note(6, 's1-1', 0, 0),
        note(7, 'p8', 4, 12),
      ]),
    );
  });

  it('with notes ending together, out of order, at the start and end, on no block, and on a title the editors made', async () => {
    const blocks: RenderBlock[] = [{ id: 'p1', text: '一二三四五六七八九十' }];
    const notes = [
      note(4, 'p1', 8, 10),
      note(2, 'p1', 2, 5),
      note(3, 'p1', 0, 5),
      note(1, 'p1', 0, 0),
      note(5, 'p9', 0, 1),
    ];
    await expectSameParts(input(blocks, notes));
    await expectSameParts(input(blocks, [note(1, 'title', 0, 3), ...notes.slice(1)], { titleDerived: true }));
  });

  it('with text XML must escape, characters it cannot hold, surrogate pairs (one cut by a note) and empty text', async () => {
    const hostile = `a & b < c > d "e" 'f' &amp; \u0001\u000B\uFFFE\uFFFF \uD800 x\uDC00 😀 \t\n\r]]>`;
    const blocks: RenderBlock[] = [
      { id: 'p1', text: hostile },
      { id: 's1', depth: 1, text: '' },
      { id: 'p2', role: 'runin', text: '' },
      { id: 'p3', text: '' },
      { id: 'p4', text: '前😀后' },
    ];
    const cut = note(2, 'p4', 0, 2);
    await expectSameParts(
      input(
        blocks,
        [note(1, 'p1', 4, 9), { ...cut, exact: hostile, body: hostile }, note(3, 'p3', 0, 0)],
        {
          title: hostile,
          speaker: { name: hostile, role: '' },
          themes: [hostile, '<x>'],
          date: { year: null, certainty: 'unknown', evidence: '' },
        },
        { url: `http://127.0.0.1:4321/speeches/a/?q=1&r="2"`, siteName: hostile },
      ),
    );
  });

  it('with properties that are empty (docx leaves them out) and no blocks', async () => {
    await expectSameParts(input([], [], { title: '', themes: [] }, { siteName: '' }));
  });

  it('for any speech', async () => {
    const char = fc.constantFrom(
      '政',
      '府',
      '。',
      'a',
      ' ',
      '&',
      '<',
      '>',
      '"',
      "'",
      '\u0000',
      '\uFFFF',
      '\uD83D',
      '\uDE00',
      '😀',
      '\n',
    );
    const text = fc.string({ unit: char, maxLength: 12 });
    const block = fc.record({
      depth: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      role: fc.option(fc.constantFrom('preamble', 'byline', 'salutation', 'closing', 'runin'), { nil: undefined }),
      text,
    });
    const speech = fc
      .record({
        blocks: fc.array(block, { maxLength: 8 }),
        notes: fc.array(
          fc.record({
            on: fc.nat(9),
            end: fc.nat(13),
            kind: fc.constantFrom<PlacedNote['kind']>('correction', 'placeholder', 'context', 'source'),
            exact: text,
            body: text,
          }),
          { maxLength: 6 },
        ),
        title: text,
        titleDerived: fc.boolean(),
        themes: fc.array(text, { maxLength: 3 }),
      })
      .map(({ blocks, notes, title, titleDerived, themes }) => {
        const rendered = blocks.map((b, i): RenderBlock => {
          const id = b.depth === undefined ? `p${i + 1}` : `s${i + 1}`;
          return {
            id,
            text: b.text,
            ...(b.depth === undefined ? {} : { depth: b.depth }),
            ...(b.role ? { role: b.role } : {}),
          };
        });
        const ids = ['title', ...rendered.map((b) => b.id)];
        const placed = notes.map((n, i): PlacedNote => {
          const block = ids[n.on % (ids.length + 1)] ?? 'p99';
          const length = block === 'title' ? title.length : (rendered.find((b) => b.id === block)?.text.length ?? 0);
          const end = Math.min(n.end, length);
          // Numbers in reading order, but not always in the order of the list.
          return {
            n: notes.length - i,
            block,
            start: Math.max(0, end - 2),
            end,
            kind: n.kind,
            exact: n.exact,
            body: n.body,
          };
        });
        return input(rendered, placed, { title, titleDerived, themes });
      });
    await fc.assert(fc.asyncProperty(speech, expectSameParts), { numRuns: 60 });
  });
});

describe('the package', () => {
  it('is a zip file of the same parts, [Content_Types].xml first, its timestamps the time of writing', async () => {
    const before = Date.now();
    const docx = await speechDocx(input(KINDS));
    const names = Object.keys(unzipSync(new Uint8Array(docx)));
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names.sort()).toEqual(
      Object.keys(unzipSync(new Uint8Array(await speechDocxReference(input(KINDS))))).sort(),
    );
    const core = strFromU8(unzipSync(new Uint8Array(docx))['docProps/core.xml']!);
    const times = [...core.matchAll(TIME)].map((m) => Date.parse(m[0].slice(m[1]!.length)));
    expect(times).toHaveLength(2);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(before - 1);
    for (const t of times) expect(t).toBeLessThanOrEqual(Date.now());
  });
});
