import type { Heading, Paragraph } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { citedTitle } from '../lib/cite.ts';
import type { RenderBlock } from '../schemas/generated.ts';
import type { Speech } from '../schemas/speech.ts';

/** What the text forms are made of. */
type TextInput = { meta: Pick<Speech, 'title' | 'titleDerived'>; blocks: readonly RenderBlock[] };

/**
 * The speech as plain text, for pasting anywhere: its title (marked （编者拟题） when the editors
 * made it), an empty line, then every block on a line of its own, in order, with its numbering as
 * written (一、…, （一）…). No notes, no links, nothing added. UTF-8 without BOM, `\n` line ends.
 */
export function speechText({ meta, blocks }: TextInput): string {
  return `${citedTitle(meta)}\n\n${blocks.map((b) => `${b.text}\n`).join('')}`;
}

const text = (value: string) => [{ type: 'text' as const, value }];

/** The title and each block as mdast: headings one level below the title, past `######` a bold paragraph. */
export const markdownNodes = ({ meta, blocks }: TextInput): Array<Heading | Paragraph> => [
  { type: 'heading', depth: 1, children: text(citedTitle(meta)) },
  ...blocks.map((b): Heading | Paragraph =>
    b.depth === undefined
      ? { type: 'paragraph', children: text(b.text) }
      : b.depth + 1 <= 6
        ? { type: 'heading', depth: (b.depth + 1) as Heading['depth'], children: text(b.text) }
        : { type: 'paragraph', children: [{ type: 'strong', children: text(b.text) }] },
  ),
];

export const markdownProcessor = unified().use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*' }).freeze();

/**
 * Text Markdown reads as it is wherever it stands in a line, so remark-stringify writes it as it
 * is: no whitespace or control character (escaped at line ends, or kept safe), no lone surrogate,
 * nothing it could ever escape (ASCII punctuation but `%,./:;?`), and not the `1.` of a list.
 * Most of a speech's blocks are such text, and skip remark-stringify's scan: about 1.5 ms a
 * speech. (`\p{C}` would say it in fewer characters, and take 0.5 ms a speech to test.)
 */
const UNSAFE = /[\s\p{Cc}!"#$&'()*+\-<=>@[\\\]^_`{|}~]/u;
const plain = (s: string) => s !== '' && !UNSAFE.test(s) && !/^\d+[.)]/u.test(s) && s.isWellFormed();

/** A paragraph after each block remark-stringify writes: what it writes for the block is what comes before it. */
const NEXT: Paragraph = { type: 'paragraph', children: text('x') };

/** One node of the speech as Markdown: plain text as it is, anything else as remark-stringify writes it. */
function markdownNode(node: Heading | Paragraph): string {
  const [child] = node.children;
  if (node.children.length === 1 && child?.type === 'text' && plain(child.value))
    return node.type === 'heading' ? `${'#'.repeat(node.depth)} ${child.value}` : child.value;
  const md = markdownProcessor.stringify({ type: 'root', children: [node, NEXT] });
  if (!md.endsWith('\n\nx\n')) throw new Error('remark-stringify joined two blocks other than by a blank line');
  return md.slice(0, -'\n\nx\n'.length);
}

/**
 * The speech as Markdown: the title as `#`, headings one level below by depth (`##` for 一、,
 * `###` for （一） …; past `######` a bold paragraph), paragraphs as paragraphs. As remark-stringify
 * writes the mdast tree, which escapes what Markdown would read as markup (`1.` at the start of a
 * paragraph, `*`, `#`, `<`), so the text stays text: block by block, a blank line between, and a
 * line end after the last unless it has one (test/unit/exports.test.ts proves it the same).
 */
export function speechMarkdown(input: TextInput): string {
  const md = markdownNodes(input).map(markdownNode).join('\n\n');
  return /[\n\r]$/u.test(md) ? md : `${md}\n`;
}
