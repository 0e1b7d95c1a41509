import mdxIntegration from '@astrojs/mdx';
import { evaluate } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import type { NumberedBlock } from '../../src/pipeline/outline.ts';

/** One element MDX rendered, with its text content. */
export type Rendered = { tag: string; text: string };

/** A JSX runtime that renders to a list of [tag, text] pairs, so we see exactly what MDX made. */
export function runtime() {
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

/** Compile and run MDX with @mdx-js/mdx: the elements it renders and the module it exports. */
export async function renderMdx(source: string): Promise<{ out: Rendered[]; mod: Record<string, unknown> }> {
  const { out, options } = runtime();
  const mod = await evaluate(source, options);
  (mod.default as (p: object) => unknown)({});
  return { out, mod };
}

/** What the blocks should render as: headings one level below the page h1 (at most h6), paragraphs. */
export const expectedElements = (blocks: readonly NumberedBlock[]): Rendered[] =>
  blocks.map((b) => ({ tag: b.type === 'heading' ? `h${Math.min(b.depth + 1, 6)}` : 'p', text: b.text }));

interface ContentEntryType {
  extensions: string[];
  getEntryInfo(a: { fileUrl: URL; contents: string }): Promise<{ data: Record<string, unknown> }>;
}

/**
 * The `.mdx` content entry type that Astro's MDX integration registers: its `getEntryInfo` is what
 * the content layer calls to read an entry's front matter (`parseFrontmatter` from
 * `@astrojs/internal-helpers/frontmatter`, i.e. js-yaml's `load`).
 */
const mdxEntryType: Promise<ContentEntryType> = (async () => {
  const types: ContentEntryType[] = [];
  const setup = mdxIntegration().hooks['astro:config:setup'] as unknown as (p: object) => Promise<void>;
  await setup({
    config: { root: new URL('file:///project/'), base: '/', markdown: {} },
    updateConfig() {},
    addPageExtension() {},
    addRenderer() {},
    addContentEntryType: (t: ContentEntryType) => types.push(t),
  });
  const mdx = types.find((t) => t.extensions.includes('.mdx'));
  if (!mdx) throw new Error('@astrojs/mdx registered no .mdx content entry type');
  return mdx;
})();

/** An MDX file's front matter, exactly as Astro's content layer reads it. */
export async function astroFrontmatter(source: string): Promise<Record<string, unknown>> {
  const type = await mdxEntryType;
  return (await type.getEntryInfo({ fileUrl: new URL('file:///project/speech.mdx'), contents: source })).data;
}
