import { readFileSync } from 'node:fs';
import { stringify as yamlLibStringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Sidecar } from '../../src/schemas/speech.ts';
import { convertSpeech } from '../../src/pipeline/convert.ts';
import { InputError } from '../../src/pipeline/errors.ts';
import { checkFrontmatter, toYaml, yamlString } from '../../src/pipeline/frontmatter.ts';
import type { NumberedBlock } from '../../src/pipeline/outline.ts';
import { toMdast, toMdx } from '../../src/pipeline/to-mdx.ts';
import { astroFrontmatter, expectedElements, renderMdx } from '../helpers/mdx.ts';
import { rules, taxonomy } from '../helpers/rules.ts';

function convertText(text: string, sidecar?: Sidecar) {
  const bytes = new TextEncoder().encode(text);
  return convertSpeech({ file: 'x.txt', name: 'x.txt', bytes, rules, taxonomy, sidecar });
}

async function render(file: string) {
  const bytes = readFileSync(file);
  const { data, mdx, blocks } = convertSpeech({ file, name: 'x.txt', bytes, rules, taxonomy });
  return { data, mdx, blocks, ...(await renderMdx(mdx)) };
}

/** The front matter as JSON data: what Astro must read back from the .mdx. */
const asData = (data: object) => JSON.parse(JSON.stringify(data)) as unknown;

const paragraph = (text: string, i = 1): NumberedBlock => ({ type: 'paragraph', text, line: i, id: `p${i}` });

describe('MDX output', () => {
  it('renders hostile speech text as literal text: no code runs, no markup appears', async () => {
    const { out, mod, blocks } = await render('test/fixtures/convert/hostile-mdx/input.txt');
    // Every block became exactly one <p> with exactly the source text.
    expect(out).toEqual(blocks.map((b) => ({ tag: 'p', text: b.text })));
    // `export const a = 1` stayed text: the module exports nothing but the component.
    expect(Object.keys(mod)).toEqual(['default']);
  });

  it('keeps front matter as data: Astro reads back exactly the validated front matter', async () => {
    const bytes = readFileSync('test/fixtures/convert/heading-inline-with-body/input.txt');
    const { data, mdx } = convertSpeech({ file: 'x.txt', name: 'x.txt', bytes, rules, taxonomy });
    expect(await astroFrontmatter(mdx)).toEqual(asData(data));
  });

  it('renders headings one level below the page h1, with the text as written', async () => {
    const { out } = await render('test/fixtures/convert/halfwidth-numbering/input.txt');
    expect(out.slice(0, 4)).toEqual([
      { tag: 'h2', text: '一.总体要求' },
      { tag: 'h3', text: '(一)加强领导' },
      { tag: 'h4', text: '1、明确责任。' },
      { tag: 'p', text: '责任到人。' },
    ]);
  });

  it('never writes MDX by concatenation: a title with YAML and MDX syntax stays a string', async () => {
    const title = '在“---”{x}<x>会议上的讲话';
    const { mdx } = convertText(`${title}\n正文。\n`);
    expect(await astroFrontmatter(mdx)).toMatchObject({ title });
  });
});

/**
 * Astro reads front matter with js-yaml (YAML 1.2 core schema plus timestamps), so text that
 * looks like a date, a number, a boolean or YAML syntax must be written so that it stays text.
 * Each case is read back through the MDX integration's own reader and compared exactly.
 */
describe('front matter reads back through Astro exactly as written', () => {
  it('a heading 一、2019-03-04: its outline title stays a string', async () => {
    const { data, mdx, blocks } = convertText('一、2019-03-04\n正文。\n二、总结\n正文。\n');
    expect(blocks[0]).toMatchObject({ type: 'heading', marker: '一、', title: '2019-03-04', text: '一、2019-03-04' });
    const read = await astroFrontmatter(mdx);
    expect((read.outline as Array<{ title: unknown }>)[0]!.title).toBe('2019-03-04');
    expect(read).toEqual(asData(data));
  });

  it('a removed line 2020-01-01 stays a string in `removed`', async () => {
    const { data, mdx } = convertText('关键词：\n2020-01-01\n在会议上的讲话\n同志们：\n正文。\n');
    expect(data.removed).toEqual([
      { rule: '讲话数据库关键词栏', line: 1, text: '关键词：' },
      { rule: '讲话数据库关键词栏', line: 2, text: '2020-01-01' },
    ]);
    const read = await astroFrontmatter(mdx);
    expect((read.removed as Array<{ text: unknown }>)[1]!.text).toBe('2020-01-01');
    expect(read).toEqual(asData(data));
  });

  it("a sidecar title '2020-01-01' stays a string", async () => {
    const { data, mdx } = convertText('同志们：\n正文。\n', { title: '2020-01-01' });
    expect(data.title).toBe('2020-01-01');
    const read = await astroFrontmatter(mdx);
    expect(read.title).toBe('2020-01-01');
    expect(read).toEqual(asData(data));
  });

  it('a title line containing U+FFFF is written, read back and rendered exactly', async () => {
    const { data, mdx, blocks } = convertText('在\uffff会议上的讲话\n同志们：\n正文\uffff。\n');
    expect(data.title).toBe('在\uffff会议上的讲话');
    expect(await astroFrontmatter(mdx)).toEqual(asData(data));
    expect((await renderMdx(mdx)).out).toEqual(expectedElements(blocks));
  });

  const tricky = [
    '2020-01-01',
    '2019-03-04 10:00:00',
    'yes',
    'no',
    'on',
    'Off',
    'y',
    '~',
    'null',
    'NULL',
    'true',
    'False',
    '0x1F',
    '0o17',
    '017',
    '1e3',
    '-1',
    '+1',
    '1_000',
    '.5',
    '.inf',
    '.NaN',
    '1:20',
    "'",
    '"',
    '\\',
    ': ',
    'a: b',
    '#',
    'a #b',
    '- a',
    '-',
    '? a',
    '[a]',
    '{a: 1}',
    '&anchor',
    '*alias',
    '!tag',
    '!!str',
    '<<',
    '|',
    '>-',
    '%YAML',
    '@',
    '`',
    '---',
    '...',
    '+++',
    'a\n---\nb',
    'a\n+++',
    ' leading and trailing ',
    '',
    '第一行\n第二行',
    'a\r\nb\rc\n',
    '\n',
    '\ttab',
    '\uffff',
    'x\uffffy\ufffe',
    '\u0000\u0001\u001f\u007f',
    '\u0080\u0085\u009f',
    '\u2028\u2029',
    '\ufeffBOM',
    '\ud800 lone high',
    'lone low \udc00',
    '😀 astral',
    '市',
    'my-speech',
  ];

  it.each(tricky)('%j stays exactly that string, as a value, in a list and as a key', async (s) => {
    const frontmatter = { title: s, list: [s, [s]], nested: { evidence: s }, keyed: { [s]: s } };
    const mdx = toMdx(toMdast(frontmatter, [paragraph('正文。')]));
    expect(await astroFrontmatter(mdx)).toStrictEqual(frontmatter);
  });

  it.each(tricky.filter((s) => s.length > 0))('%j as a sidecar title stays exactly that string', async (s) => {
    const { data, mdx } = convertText('同志们：\n正文。\n', { title: s });
    expect(data.title).toBe(s);
    expect(await astroFrontmatter(mdx)).toEqual(asData(data));
  });

  it('numbers, booleans, null and empty containers keep their type', async () => {
    const frontmatter = { a: 0, b: -0, c: 1.5e-7, d: 1e21, e: -12, f: true, g: false, h: null, i: [], j: {} };
    const mdx = toMdx(toMdast(frontmatter, []));
    const read = await astroFrontmatter(mdx);
    expect(read).toStrictEqual(frontmatter);
    expect(Object.is(read.b, -0)).toBe(true);
  });

  it('writes strings as JSON-style double-quoted YAML with non-printable characters escaped', () => {
    expect(yamlString('x\uffff\u0085\ud800😀"\\\n')).toBe(String.raw`"x\uFFFF\u0085\uD800😀\"\\\n"`);
    expect(JSON.parse(yamlString('\u0001\ud800\ufffe'))).toBe('\u0001\ud800\ufffe');
    expect(toYaml({ title: '2020-01-01', level: '市' })).toBe('title: "2020-01-01"\nlevel: 市');
  });

  it('refuses front matter that would not read back, naming the field in one line', () => {
    // What the `yaml` library wrote before: a plain date, and a raw U+FFFF js-yaml rejects.
    const check = (o: object) => () => checkFrontmatter(yamlLibStringify(o, { lineWidth: 0 }).trimEnd(), o);
    expect(check({ slug: 'a', title: '2020-01-01' })).toThrow(
      new InputError('front matter field title cannot be written: it reads back as a date (2020-01-01T00:00:00.000Z)'),
    );
    expect(check({ slug: 'a', title: 'x\uffff' })).toThrow(
      /^front matter field title cannot be written: the YAML reader says the stream contains non-printable characters$/u,
    );
    expect(check({ slug: 'a', title: 'x\uffff' })).toThrow(InputError);
  });
});

describe('MDX body text', () => {
  it('renders characters YAML forbids exactly as written', async () => {
    const texts = [
      'a\uffffb',
      '\ufffe',
      '\u0001控制\u001f',
      '\u007f\u0080\u0085\u009f',
      '\u2028\u2029',
      '\ufeff开头',
      '孤\ud800立',
      '孤\udc00立',
      '😀',
      '&amp; &#x41; <P> {x}',
    ];
    const blocks = texts.map((t, i) => paragraph(t, i + 1));
    const { out } = await renderMdx(toMdx(toMdast({ title: 't' }, blocks)));
    expect(out).toEqual(expectedElements(blocks));
  });

  it('refuses U+0000, which MDX would turn into U+FFFD', () => {
    expect(() => toMdast({ title: 't' }, [paragraph('a\u0000b')])).toThrow(
      new InputError('block p1 cannot be written: it contains U+0000'),
    );
  });
});
