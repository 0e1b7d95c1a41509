import { TermMatcher } from '../annotate/glossary.ts';
import { speechNotes } from '../annotate/notes.ts';
import { linkableTerms } from '../annotate/segments.ts';
import type { NumberedBlock } from '../pipeline/outline.ts';
import type { RenderBlock, SpeechText } from '../schemas/generated.ts';
import type { Speech } from '../schemas/speech.ts';

/** Paragraph roles the stylesheet sets apart (no first-line indent); others need no class. */
const STYLED_ROLES = new Set(['salutation', 'byline', 'preamble']);

/** A linked term occurrence, for the glossary's statistics. */
export interface Hit {
  block: string;
  text: string;
  start: number;
  end: number;
  slug: string;
}

/**
 * Place a speech's notes (exact quotes, from `content/annotations/`) and glossary links on its
 * blocks, once, at convert time: the page renders the result and never reads a source. Throws an
 * InputError naming the notes file when a quote does not occur exactly once.
 */
export function annotateSpeech(
  data: Speech,
  blocks: readonly NumberedBlock[],
  root: string,
  matcher: TermMatcher,
): { text: SpeechText; hits: Hit[] } {
  const notes = speechNotes(data, blocks, root);
  const hits: Hit[] = [];
  const termsIn = (id: string, text: string) => {
    const ranges = notes.filter((n) => n.block === id);
    const found = linkableTerms(text, ranges, matcher);
    for (const h of found) hits.push({ block: id, text, start: h.start, end: h.end, slug: h.term.slug });
    return found.map((h) => [h.start, h.end, h.term.slug] as [number, number, string]);
  };
  const rendered: RenderBlock[] = blocks.map((b) => {
    const terms = termsIn(b.id, b.text);
    const mine = notes.filter((n) => n.block === b.id).map((n) => [n.start, n.end, n.n] as [number, number, number]);
    const role = b.type === 'paragraph' && b.role && STYLED_ROLES.has(b.role) ? b.role : undefined;
    return {
      id: b.id,
      ...(b.type === 'heading' ? { depth: b.depth } : {}),
      ...(role ? { role } : {}),
      text: b.text,
      ...(terms.length ? { terms } : {}),
      ...(mine.length ? { notes: mine } : {}),
    };
  });
  return {
    text: {
      blocks: rendered,
      notes: notes.map(({ n, kind, exact, body, block, start, end }) => ({ n, kind, exact, body, block, start, end })),
    },
    hits,
  };
}
