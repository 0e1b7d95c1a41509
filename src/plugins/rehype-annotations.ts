import type { Element, ElementContent, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import { loadGlossary, TermMatcher } from '../annotate/glossary.ts';
import { anchorNotes, loadNotes, type AnchoredNote } from '../annotate/notes.ts';
import { linkableTerms, segments, type Segment } from '../annotate/segments.ts';
import { NOTE_KINDS } from '../schemas/annotations.ts';
import type { Speech } from '../schemas/speech.ts';

/** Options for {@link rehypeAnnotations}. */
export interface Options {
  /** Path of the glossary, relative to the project root. Default: `content/glossary.yaml`. */
  glossary?: string;
}

/** Note data the page renders itself (notes on the title, which is outside the MDX body). */
export interface TitleNote {
  n: number;
  kind: string;
  exact: string;
  body: string;
  start: number;
  end: number;
}

const BLOCK = /^(?:s\d+(?:-\d+)*|p\d+)$/u;

/**
 * Link glossary terms and mark editorial notes in a speech (run after rehype-speech has given
 * blocks their ids). A noted quote becomes a marked span with a reference to its note; the notes
 * of a block follow the block in their own element, so copying a paragraph copies only the
 * speech, and the search index (data-pagefind-ignore) never sees a note or a definition.
 */
export default function rehypeAnnotations(options: Options = {}) {
  const matcher = new TermMatcher(loadGlossary(options.glossary));
  return (tree: Root, file: VFile) => {
    const fm = (file.data as { astro?: { frontmatter?: Speech & { titleNotes?: TitleNote[] } } }).astro?.frontmatter;
    if (!fm?.outline || !fm.source) return; // not a speech
    const blocks = tree.children.filter(
      (n): n is Element => n.type === 'element' && BLOCK.test(String(n.properties['id'] ?? '')),
    );
    const { file: notesPath, notes } = loadNotes(fm.source.file);
    const anchored = anchorNotes(notesPath, notes, [
      ...(fm.titleDerived ? [] : [{ id: 'title', text: fm.title }]),
      ...blocks.map((b) => {
        const id = String(b.properties['id']);
        return { id, text: textContent(b), joinsPrevious: fm.roles.runin?.includes(id) ?? false };
      }),
    ]);
    fm.titleNotes = anchored
      .filter((a) => a.block === 'title')
      .map(({ n, kind, exact, body, start, end }) => ({ n, kind, exact, body, start, end }));

    for (const block of blocks) {
      const id = String(block.properties['id']);
      const mine = anchored.filter((a) => a.block === id);
      // A block is one text node (then its copy-link control); notes were anchored on that text.
      const textIndex = block.children.findIndex((c) => c.type === 'text');
      const text = textIndex < 0 ? '' : (block.children[textIndex] as Text).value;
      if (text !== textContent(block)) {
        if (mine.length) throw new Error(`${file.path}: block ${id} is not plain text; its notes cannot be placed`);
        continue;
      }
      const ranges = mine.map((a) => ({ n: a.n, kind: a.kind, start: a.start, end: a.end }));
      const terms = linkableTerms(text, ranges, matcher);
      block.children.splice(textIndex, 1, ...segments(text, ranges, terms).flatMap(toHast));
      if (mine.length) {
        const at = tree.children.indexOf(block);
        tree.children.splice(at + 1, 0, noteList(mine));
      }
    }
  };
}

function textContent(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textContent).join('');
  return '';
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

function toHast(s: Segment): ElementContent[] {
  if (s.type === 'text') return [{ type: 'text', value: s.text }];
  if (s.type === 'term') return [el('a', { href: `/glossary/${s.slug}/` }, [{ type: 'text', value: s.text }])];
  // The quote links to its note; its number is a CSS counter (never copied with the text).
  const className = s.note.kind === 'correction' ? ['q', 'c'] : ['q'];
  return [el('a', { className, href: `#note-${s.note.n}`, id: `nr${s.note.n}` }, s.children.flatMap(toHast))];
}

/** The notes of one block, shown after it (in the margin on wide screens). */
function noteList(notes: readonly AnchoredNote[]): Element {
  return el(
    'div',
    { className: ['pn'], dataPagefindIgnore: '' },
    notes.map((a) =>
      el('p', { id: `note-${a.n}`, className: [a.kind] }, [
        el('a', { href: `#nr${a.n}` }, [{ type: 'text', value: `注${a.n}` }]),
        { type: 'text', value: ` 〔${NOTE_KINDS[a.kind]}〕“${a.exact}”：${a.body}` },
      ]),
    ),
  );
}
