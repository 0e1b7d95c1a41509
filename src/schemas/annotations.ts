import { z } from 'astro/zod';

/** One entry of `content/glossary.yaml`. */
export const glossaryTermSchema = z
  .object({
    /** The term as it is written in the speeches (no quote marks). */
    term: z.string().min(1),
    /** ASCII URL slug: `/glossary/<slug>/`. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** Hanyu pinyin with tone marks, syllables separated by spaces. */
    pinyin: z.string().min(1),
    /** A short English gloss. */
    english: z.string().min(1),
    /** Group: 数字口号, 改革与政策, 党建与纪律, 发展战略, 治理机制. */
    category: z.string().min(1),
    /** Other exact surface forms that count as this term. */
    aliases: z.array(z.string().min(1)).default([]),
    /** A concise definition, in the editors' own words. */
    definition: z.string().min(1),
    /** Terms (their `term`) that are related; must exist in the glossary. */
    related: z.array(z.string()).default([]),
    /** Optional references, by title. */
    sources: z.array(z.string()).default([]),
  })
  .strict();

export const glossarySchema = z.array(glossaryTermSchema);
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

/** One editorial note, anchored with a W3C Web Annotation TextQuoteSelector. */
export const noteSchema = z
  .object({
    /** correction (the text is wrong; the note gives the right form), placeholder (what X stands for), context, source. */
    kind: z.enum(['correction', 'placeholder', 'context', 'source']),
    /** The quoted text, exactly as in the speech. */
    exact: z.string().min(1),
    /** Text immediately before the quote (may be empty). */
    prefix: z.string().default(''),
    /** Text immediately after the quote (may be empty). */
    suffix: z.string().default(''),
    /** The note itself. */
    body: z.string().min(1),
  })
  .strict();

/** `content/annotations/<speech>.yaml`: the notes on one speech, named after its source file. */
export const annotationFileSchema = z
  .object({
    /** The source file's name without `.txt`. */
    speech: z.string().min(1),
    /** The notes, in any order (they are numbered in reading order). */
    notes: z.array(noteSchema),
  })
  .strict();

export type Note = z.infer<typeof noteSchema>;

/** How each kind of note is labelled to readers. */
export const NOTE_KINDS: Record<Note['kind'], string> = {
  correction: '勘误',
  placeholder: '隐去',
  context: '背景',
  source: '出处',
};
