import type { Element, ElementContent } from 'hast';
import { toHtmlFast } from './html.ts';
import { NOTE_KINDS } from '../schemas/annotations.ts';
import { segments, type Segment, type TermSpan } from '../annotate/segments.ts';
import type { PlacedNote, SpeechMarks, SpeechMeta, SpeechShared, SpeechText } from '../schemas/generated.ts';
import { glossaryPath, speechPath } from './format.ts';
import { href } from './href.ts';

/** The deepest heading HTML has; deeper outline levels render as h6. */
const MAX_HTML_DEPTH = 6;

export const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
export const txt = (value: string): ElementContent => ({ type: 'text', value });

/**
 * A run of a block's text as hast: plain text, a term link, or a noted quote (which links to its
 * note; its number is a CSS counter, never copied with the text).
 */
function toHast(seg: Segment): ElementContent[] {
  if (seg.type === 'text') return [txt(seg.text)];
  if (seg.type === 'term') return [el('a', { href: href(glossaryPath(seg.slug)) }, [txt(seg.text)])];
  const className = seg.note.kind === 'correction' ? ['q', 'c'] : ['q'];
  return [el('a', { className, href: `#note-${seg.note.n}`, id: `nr${seg.note.n}` }, seg.children.flatMap(toHast))];
}

/** How many other speeches a block's shared-passage line names before linking to the rest. */
export const SHARED_SHOWN = 5;

/** Another speech as a shared-passage line names it. */
export interface OtherSpeech {
  slug: string;
  title: string;
  year: number | null;
}

/** How the renderers name another speech: by its position in the collection (SpeechMeta.order). */
export const otherSpeechIn =
  (byOrder: readonly Pick<SpeechMeta, 'slug' | 'title' | 'date'>[]) =>
  (order: number): OtherSpeech => {
    const o = byOrder[order]!;
    return { slug: o.slug, title: o.title, year: o.date.year ?? null };
  };

/**
 * The other speeches that share a passage with a block (oldest first: who said it before): the
 * first five linked to their paragraph, then a link to the speech's reuse page for the rest.
 */
function sharedLine(
  slug: string,
  id: string,
  count: number,
  others: SpeechShared['passages'][number][3],
  lookup: (order: number) => OtherSpeech,
): Element {
  const links: ElementContent[] = [];
  others.slice(0, SHARED_SHOWN).forEach(([order, block], i) => {
    const o = lookup(order);
    if (i) links.push(txt('；'));
    links.push(
      el('a', { href: href(`${speechPath(o.slug)}#${block}`) }, [txt(o.title)]),
      txt(o.year ? `（${o.year}）` : ''),
    );
  });
  const rest = count - Math.min(SHARED_SHOWN, others.length);
  return el('p', { className: ['sh'] }, [
    txt(`同见于 ${count} 篇：`),
    ...links,
    txt('。'),
    el('a', { href: href(`${speechPath(slug)}shared/#${id}`) }, [txt(rest > 0 ? `另 ${rest} 篇及比对` : '比对')]),
  ]);
}

/** The notes of one block, and its shared passages, shown after it (in the margin on wide screens). */
export function noteList(notes: readonly PlacedNote[], shared?: Element): Element {
  return el('div', { className: ['pn'] }, [
    ...notes.map((a) =>
      el('p', { id: `note-${a.n}`, className: [a.kind] }, [
        el('a', { href: `#nr${a.n}` }, [txt(`注${a.n}`)]),
        txt(` 〔${NOTE_KINDS[a.kind]}〕“${a.exact}”：${a.body}`),
      ]),
    ),
    ...(shared ? [shared] : []),
  ]);
}

/** The copy-link control: no text content (its glyph is CSS), so copying copies only the speech. */
const copyLink = (id: string): Element => el('a', { className: ['pl'], href: `#${id}`, ariaLabel: '链接' });

/**
 * The text of a speech as HTML: headings (h2–h6, by outline depth) and paragraphs with their
 * position ids and copy-link controls, each block's notes after it. Built as a hast tree and
 * serialised, so speech text is always text.
 */
export function speechBodyHtml(
  text: SpeechText,
  marks: SpeechMarks,
  reuse: { slug: string; shared: SpeechShared; lookup: (order: number) => OtherSpeech } | null = null,
): string {
  const sharedBy = new Map((reuse?.shared.passages ?? []).map((p) => [p[0], p]));
  const byBlock = new Map<string, PlacedNote[]>();
  for (const n of marks.notes) byBlock.set(n.block, [...(byBlock.get(n.block) ?? []), n]);
  const terms = text.blocks.map((): TermSpan[] => []);
  for (const [i, start, end, slug] of marks.terms) terms[i]?.push({ start, end, term: { slug } });
  const children: ElementContent[] = [];
  text.blocks.forEach((b, i) => {
    const tag = b.depth ? `h${Math.min(b.depth + 1, MAX_HTML_DEPTH)}` : 'p';
    const props: Element['properties'] = { id: b.id, ...(b.role ? { className: [b.role] } : {}) };
    const runs = segments(b.text, byBlock.get(b.id) ?? [], terms[i]!).flatMap(toHast);
    children.push(el(tag, props, [...runs, copyLink(b.id)]));
    const mine = byBlock.get(b.id);
    const p = sharedBy.get(b.id);
    const line = p && reuse ? sharedLine(reuse.slug, b.id, p[2], p[3], reuse.lookup) : undefined;
    if (mine || line) children.push(noteList(mine ?? [], line));
  });
  return toHtmlFast(children);
}
