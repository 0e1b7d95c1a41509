import type { Heading, Paragraph, Root } from 'mdast';
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

/**
 * The speech as Markdown: the title as `#`, headings one level below by depth (`##` for 一、,
 * `###` for （一） …; past `######` a bold paragraph), paragraphs as paragraphs. Built as an mdast
 * tree and serialised by remark-stringify, which escapes what Markdown would read as markup
 * (`1.` at the start of a paragraph, `*`, `#`, `<`), so the text stays text.
 */
export function speechMarkdown({ meta, blocks }: TextInput): string {
  const text = (value: string) => [{ type: 'text' as const, value }];
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: text(citedTitle(meta)) },
      ...blocks.map((b): Heading | Paragraph =>
        b.depth === undefined
          ? { type: 'paragraph', children: text(b.text) }
          : b.depth + 1 <= 6
            ? { type: 'heading', depth: (b.depth + 1) as Heading['depth'], children: text(b.text) }
            : { type: 'paragraph', children: [{ type: 'strong', children: text(b.text) }] },
      ),
    ],
  };
  return unified().use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*' }).stringify(tree);
}
