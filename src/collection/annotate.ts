import type { TermMatcher } from '../annotate/glossary.ts';
import { speechNotes, type AnchoredNote } from '../annotate/notes.ts';
import { linkableTerms } from '../annotate/segments.ts';
import type { NumberedBlock } from '../pipeline/outline.ts';
import type { RenderBlock, SpeechMarks } from '../schemas/generated.ts';
import type { Speech } from '../schemas/speech.ts';

/** Paragraph roles the stylesheet sets apart (no first-line indent); others need no class. */
const STYLED_ROLES = new Set(['salutation', 'byline', 'preamble']);

/** The converter's blocks as the page renders them: id, depth (headings), styled role, text. */
export function renderBlocks(blocks: readonly NumberedBlock[]): RenderBlock[] {
  return blocks.map((b) => {
    const role = b.type === 'paragraph' && b.role && STYLED_ROLES.has(b.role) ? b.role : undefined;
    return { id: b.id, ...(b.type === 'heading' ? { depth: b.depth } : {}), ...(role ? { role } : {}), text: b.text };
  });
}

/** A term occurrence (linked or not), for the glossary's statistics. */
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
 *
 * A term links on its first occurrence in each section (the opening before the first top-level
 * heading, then each top-level heading with everything under it), so keyboard travel grows with
 * the sections and terms of a speech, not with its repetitions; later occurrences stay plain text.
 * `hits` holds every occurrence, linked or not, inside noted quotes too: the term pages count them all.
 * `notes` replaces the speech's own (`[]`: the speech without its notes, when they do not anchor).
 */
export function annotateSpeech(
  data: Pick<Speech, 'title' | 'titleDerived' | 'roles' | 'source'>,
  blocks: readonly RenderBlock[],
  root: string,
  matcher: TermMatcher,
  notes: readonly AnchoredNote[] = speechNotes(data, blocks, root),
): { marks: SpeechMarks; hits: Hit[] } {
  const hits: Hit[] = [];
  const terms: SpeechMarks['terms'] = [];
  let linked = new Set<string>();
  blocks.forEach((b, i) => {
    if (b.depth === 1) linked = new Set();
    const ranges = notes.filter((n) => n.block === b.id);
    // Every use counts, also one inside a noted quote (the speaker said it; the note is ours) …
    for (const h of matcher.find(b.text)) {
      hits.push({ block: b.id, text: b.text, start: h.start, end: h.end, slug: h.term.slug });
    }
    // … but only those outside noted quotes can be links (a noted quote is a link to its note).
    for (const h of linkableTerms(b.text, ranges, matcher)) {
      if (linked.has(h.term.slug)) continue;
      linked.add(h.term.slug);
      terms.push([i, h.start, h.end, h.term.slug]);
    }
  });
  return {
    marks: {
      terms,
      notes: notes.map(({ n, kind, exact, body, block, start, end }) => ({ n, kind, exact, body, block, start, end })),
    },
    hits,
  };
}
