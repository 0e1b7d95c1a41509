/**
 * What a copy from a speech page puts on the clipboard: the speech's words only. The title and
 * the text's blocks are kept; notes, copy-link controls, the date line and everything else are
 * dropped, and the HTML flavour (what Word and WPS paste) is bare <p>/<hN> with no links, classes
 * or inline styles. Paragraphs are separated by a line break in the text flavour.
 */
export interface CleanCopy {
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** Blocks whose words are the speech's: the title and the text's paragraphs and headings. */
const KEEP = 'h1, .text > :not(.pn)';
/** The text's blocks alone (the title aside): headings and paragraphs, never the .pn note blocks. */
const BLOCKS = 'article .text > :not(.pn)';
/** Apparatus inside a block that is not the speech's words: the copy-link control. */
const APPARATUS = '.pl';

/** The words of a block (or part of one): its text without the copy-link control. */
function wordsOf(node: DocumentFragment | Element): string {
  const copy = node.cloneNode(true) as DocumentFragment | Element;
  for (const n of copy.querySelectorAll(APPARATUS)) n.remove();
  return copy.textContent ?? '';
}

/** A block of a speech as its page shows it: id (`p12`, `s2-3`), heading level below the title (h2 → 1; 0 for a paragraph) and words. */
export interface PageBlock {
  id: string;
  depth: number;
  text: string;
}

/**
 * The blocks of the speech in `doc` (this page, or another speech page read with DOMParser):
 * headings and paragraphs in order, each with its words only, so that they are the converted
 * blocks' texts, character for character (notes and controls left out, term and note links
 * unwrapped to their words).
 */
export function pageBlocks(doc: ParentNode): PageBlock[] {
  return [...doc.querySelectorAll(BLOCKS)].map((el) => {
    const h = /^H([2-6])$/u.exec(el.tagName);
    return { id: el.id, depth: h ? Number(h[1]) - 1 : 0, text: wordsOf(el) };
  });
}

/**
 * The speech's words in `range`, or null when the range touches none (then the browser copies as
 * usual). A selection that starts in the outline, runs into the footer or covers the whole page
 * (Ctrl+A) copies the speech's words it covers, nothing else.
 */
export function cleanCopy(range: Range): CleanCopy | null {
  const root = document.querySelector('article');
  if (!root || !range.intersectsNode(root)) return null;
  const blocks: Array<[tag: string, text: string]> = [];
  for (const el of root.querySelectorAll(KEEP)) {
    if (!range.intersectsNode(el)) continue;
    // The part of this block inside the selection, without its copy-link control.
    const part = document.createRange();
    part.selectNodeContents(el);
    if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0)
      part.setStart(range.startContainer, range.startOffset);
    if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) part.setEnd(range.endContainer, range.endOffset);
    const text = wordsOf(part.cloneContents());
    if (text) blocks.push([/^H[1-6]$/u.test(el.tagName) ? el.tagName.toLowerCase() : 'p', text]);
  }
  if (!blocks.length) return null;
  return {
    text: blocks.map(([, t]) => t).join('\n'),
    html: blocks.map(([tag, t]) => `<${tag}>${esc(t)}</${tag}>`).join(''),
  };
}
