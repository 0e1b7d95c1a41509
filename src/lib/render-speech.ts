import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { NOTE_KINDS } from '../schemas/annotations.ts';
import type { PlacedNote, RenderBlock, SpeechMarks, SpeechText } from '../schemas/generated.ts';
import { glossaryPath } from './format.ts';

/** The deepest heading HTML has; deeper outline levels render as h6. */
const MAX_HTML_DEPTH = 6;

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const txt = (value: string): ElementContent => ({ type: 'text', value });

/** A block with the marks placed on it. */
interface Marked extends RenderBlock {
  terms: Array<[number, number, string]>;
  notes: Array<[number, number, number]>;
}

/** A block's text between `from` and `to` with its term links. */
function withTerms(block: Marked, from: number, to: number): ElementContent[] {
  const out: ElementContent[] = [];
  let at = from;
  for (const [start, end, slug] of block.terms) {
    if (start < from || end > to) continue;
    if (start > at) out.push(txt(block.text.slice(at, start)));
    out.push(el('a', { href: glossaryPath(slug) }, [txt(block.text.slice(start, end))]));
    at = end;
  }
  if (at < to) out.push(txt(block.text.slice(at, to)));
  return out;
}

/**
 * A block's content: its text, exactly, with glossary links and noted quotes (a noted quote
 * links to its note; its number is a CSS counter, never copied with the text).
 */
function inline(block: Marked, notes: ReadonlyMap<number, PlacedNote>): ElementContent[] {
  const out: ElementContent[] = [];
  let at = 0;
  for (const [start, end, n] of block.notes) {
    out.push(...withTerms(block, at, start));
    const className = notes.get(n)?.kind === 'correction' ? ['q', 'c'] : ['q'];
    out.push(el('a', { className, href: `#note-${n}`, id: `nr${n}` }, withTerms(block, start, end)));
    at = end;
  }
  out.push(...withTerms(block, at, block.text.length));
  return out;
}

/** The notes of one block, shown after it (in the margin on wide screens). */
export function noteList(notes: readonly PlacedNote[]): Element {
  return el(
    'div',
    { className: ['pn'] },
    notes.map((a) =>
      el('p', { id: `note-${a.n}`, className: [a.kind] }, [
        el('a', { href: `#nr${a.n}` }, [txt(`注${a.n}`)]),
        txt(` 〔${NOTE_KINDS[a.kind]}〕“${a.exact}”：${a.body}`),
      ]),
    ),
  );
}

/** The copy-link control: no text content (its glyph is CSS), so copying copies only the speech. */
const copyLink = (id: string): Element => el('a', { className: ['pl'], href: `#${id}`, ariaLabel: '链接' });

/**
 * The text of a speech as HTML: headings (h2–h6, by outline depth) and paragraphs with their
 * position ids and copy-link controls, each block's notes after it. Built as a hast tree and
 * serialised, so speech text is always text.
 */
export function speechBodyHtml(text: SpeechText, marks: SpeechMarks): string {
  const notes = new Map(marks.notes.map((n) => [n.n, n]));
  const byBlock = new Map<string, PlacedNote[]>();
  for (const n of marks.notes) byBlock.set(n.block, [...(byBlock.get(n.block) ?? []), n]);
  const blocks: Marked[] = text.blocks.map((b) => ({ ...b, terms: [], notes: [] }));
  for (const [i, start, end, slug] of marks.terms) blocks[i]?.terms.push([start, end, slug]);
  for (const n of marks.notes) {
    const b = blocks.find((x) => x.id === n.block);
    b?.notes.push([n.start, n.end, n.n]);
  }
  for (const b of blocks) b.notes.sort((x, y) => x[0] - y[0]);
  const children: ElementContent[] = [];
  for (const b of blocks) {
    const tag = b.depth ? `h${Math.min(b.depth + 1, MAX_HTML_DEPTH)}` : 'p';
    const props: Element['properties'] = { id: b.id, ...(b.role ? { className: [b.role] } : {}) };
    children.push(el(tag, props, [...inline(b, notes), copyLink(b.id)]));
    const mine = byBlock.get(b.id);
    if (mine) children.push(noteList(mine));
  }
  return toHtml({ type: 'root', children });
}
