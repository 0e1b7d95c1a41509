import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkStringify from 'remark-stringify';
import { unified, type Processor } from 'unified';
import { InputError } from './errors.ts';
import { writeFrontmatter } from './frontmatter.ts';
import type { NumberedBlock } from './outline.ts';

/** The deepest heading HTML has; deeper outline levels render as h6. */
const MAX_HTML_DEPTH = 6;

/**
 * The speech as an mdast tree: front matter, then one heading or paragraph per block. Headings
 * are one level below the page's h1. Text stays text: the MDX serializer escapes whatever MDX
 * would read as code (`{`, `<`, `import`, `---` …). Front matter is written so that Astro's
 * parser reads every field back exactly (see frontmatter.ts); an `InputError` says which field
 * cannot be.
 */
export function toMdast(frontmatter: object, blocks: readonly NumberedBlock[]): Root {
  const children: RootContent[] = [{ type: 'yaml', value: writeFrontmatter(frontmatter) }];
  for (const b of blocks) {
    // Markdown has no way to write U+0000: MDX would read it as U+FFFD.
    if (b.text.includes('\0')) throw new InputError(`block ${b.id} cannot be written: it contains U+0000`);
    const text = { type: 'text' as const, value: b.text };
    if (b.type === 'heading') {
      const depth = Math.min(b.depth + 1, MAX_HTML_DEPTH) as Heading['depth'];
      children.push({ type: 'heading', depth, children: [text] });
    } else {
      children.push({ type: 'paragraph', children: [text] } satisfies Paragraph);
    }
  }
  return { type: 'root', children };
}

/**
 * MDX reads a flow line that starts with `import ` or `export ` as JavaScript, and mdast-util-mdx
 * does not escape it. Marking those first letters unsafe makes the serializer write them as
 * character references (`&#x69;mport`), which MDX reads back as the letter.
 */
function remarkEscapeEsm(this: Processor) {
  const data = this.data();
  (data.toMarkdownExtensions ??= []).push({
    unsafe: [
      { character: 'i', atBreak: true, after: 'mport\\b' },
      { character: 'e', atBreak: true, after: 'xport\\b' },
    ],
  });
}

const processor = unified()
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkMdx)
  .use(remarkEscapeEsm)
  .use(remarkStringify)
  .freeze();

/** Serialise an mdast tree as MDX. */
export function toMdx(tree: Root): string {
  const mdx = processor.stringify(tree);
  // Astro must find exactly the front matter that was checked, and nothing more.
  const first = tree.children[0];
  if (first?.type === 'yaml' && extractFrontmatter(mdx) !== `\n${first.value}\n`) {
    throw new Error('MDX front matter does not end where its YAML does');
  }
  return mdx;
}
