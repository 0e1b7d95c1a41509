import { evaluate } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertSpeech } from '../../src/pipeline/convert.ts';
import { rules, taxonomy } from '../helpers/rules.ts';

/** A JSX runtime that renders to a list of [tag, text] pairs, so we see exactly what MDX made. */
type Rendered = { tag: string; text: string };
function runtime() {
  const out: Rendered[] = [];
  const text = (c: unknown): string => (Array.isArray(c) ? c.map(text).join('') : typeof c === 'string' ? c : '');
  const jsx = (type: unknown, props: { children?: unknown }) => {
    if (typeof type === 'function') return (type as (p: unknown) => unknown)(props);
    if (typeof type === 'string' && type !== 'fragment') out.push({ tag: type, text: text(props.children) });
    return text(props.children);
  };
  return {
    out,
    options: { Fragment: 'fragment', jsx, jsxs: jsx, baseUrl: import.meta.url, remarkPlugins: [remarkFrontmatter] },
  };
}

async function render(file: string) {
  const bytes = readFileSync(file);
  const { data, mdx, blocks } = convertSpeech({ file, name: 'x.txt', bytes, rules, taxonomy });
  const { out, options } = runtime();
  const mod = await evaluate(mdx, options);
  (mod.default as (p: object) => unknown)({});
  return { data, mdx, blocks, out, mod };
}

describe('MDX output', () => {
  it('renders hostile speech text as literal text: no code runs, no markup appears', async () => {
    const { out, mod, blocks } = await render('test/fixtures/convert/hostile-mdx/input.txt');
    // Every block became exactly one <p> with exactly the source text.
    expect(out).toEqual(blocks.map((b) => ({ tag: 'p', text: b.text })));
    // `export const a = 1` stayed text: the module exports nothing but the component.
    expect(Object.keys(mod)).toEqual(['default']);
  });

  it('keeps front matter as data: the YAML node parses back to the validated front matter', () => {
    const bytes = readFileSync('test/fixtures/convert/heading-inline-with-body/input.txt');
    const { data, mdx } = convertSpeech({ file: 'x.txt', name: 'x.txt', bytes, rules, taxonomy });
    const tree = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).parse(mdx);
    const yaml = tree.children[0];
    expect(yaml?.type).toBe('yaml');
    expect(parseYaml((yaml as { value: string }).value)).toEqual(JSON.parse(JSON.stringify(data)));
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

  it('never writes MDX by concatenation: a title with YAML and MDX syntax stays a string', () => {
    const title = '在“---”{x}<b>会议上的讲话';
    const bytes = new TextEncoder().encode(`${title}\n正文。\n`);
    const { mdx } = convertSpeech({ file: 'x.txt', name: 'x.txt', bytes, rules, taxonomy });
    const tree = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).parse(mdx);
    expect(parseYaml((tree.children[0] as { value: string }).value)).toMatchObject({ title });
  });
});
