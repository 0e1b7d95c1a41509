import { z } from 'astro/zod';

/** Speech front matter: written by the converter, read by `src/content.config.ts`. */
export const speechSchema = z
  .object({
    /** The title as written in the source, or derived from the opening (see `titleDerived`). */
    title: z.string().min(1),
    /** True when the source has no title line and the title was made from the opening sentence. */
    titleDerived: z.boolean(),
    /** ASCII URL slug: `/speeches/<slug>/`. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** When the speech was given, and how that is known. */
    date: z.object({
      year: z.number().int().min(1900).max(2100).nullable(),
      month: z.number().int().min(1).max(12).optional(),
      day: z.number().int().min(1).max(31).optional(),
      /** stated (title/byline), inferred (dated event), earliest (lower bound), override, unknown. */
      certainty: z.enum(['stated', 'inferred', 'earliest', 'override', 'unknown']),
      /** The words the date was read from, or the sidecar's note. */
      evidence: z.string(),
    }),
    /** Administrative level of the speaker's government. */
    level: z.enum(['县', '市', '省', '国家']).nullable(),
    /** What kind of meeting the speech was given at. */
    occasions: z.array(z.string()),
    /** Recurring subjects, most frequent first. */
    themes: z.array(z.string()),
    /** The salutation line (同志们：), if any. */
    salutation: z.string().nullable(),
    /** Headings in document order with their position ids. */
    outline: z.array(
      z.object({
        id: z.string().regex(/^s\d+(?:-\d+)*$/),
        depth: z.number().int().min(1),
        marker: z.string(),
        title: z.string(),
      }),
    ),
    /** Paragraph ids by role: preamble and byline lines, salutation, closing, run-in. */
    roles: z.object({
      preamble: z.array(z.string()).optional(),
      byline: z.array(z.string()).optional(),
      salutation: z.array(z.string()).optional(),
      closing: z.array(z.string()).optional(),
      /** Paragraphs that continue the line of the heading before them. */
      runin: z.array(z.string()).optional(),
    }),
    counts: z.object({
      /** Characters of speech text, whitespace excluded. */
      characters: z.number().int().nonnegative(),
      paragraphs: z.number().int().nonnegative(),
      headings: z.number().int().nonnegative(),
    }),
    /** Where the text came from. */
    source: z.object({
      /** Path relative to the repository root. */
      file: z.string(),
      encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030']),
      lineEnding: z.enum(['lf', 'crlf', 'cr', 'crcrlf', 'mixed', 'none']),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().positive(),
    }),
    /** Lines the cleaner removed (or, for markup, the pieces of a line), so nothing disappears silently. */
    removed: z.array(
      z.object({
        /** The cleaning rule's name (content/cleaning.yaml), or 网页标记 for markup residue. */
        rule: z.string(),
        /** Source line number. */
        line: z.number().int().positive(),
        /** What was removed, as written (kept here, never published). */
        text: z.string(),
        /** True when only `text` was taken out of the line (markup), not the whole line. */
        part: z.boolean().optional(),
      }),
    ),
    /** Fields set by the sidecar file rather than inferred. */
    overridden: z.array(z.string()),
  })
  .strict();

export type Speech = z.infer<typeof speechSchema>;

/**
 * A sidecar `content/speeches/<name>.yaml` beside `<name>.txt` overrides inferred fields. Unknown
 * keys are errors, so a typo cannot be silently ignored.
 */
export const sidecarSchema = z
  .object({
    /** URL slug, instead of one made from the file name. */
    slug: speechSchema.shape.slug.optional(),
    title: z.string().min(1).optional(),
    date: z
      .object({
        year: z.number().int().min(1900).max(2100),
        month: z.number().int().min(1).max(12).optional(),
        day: z.number().int().min(1).max(31).optional(),
        /** Why this date: shown to readers as the date's evidence. */
        note: z.string().min(1),
      })
      .strict()
      .optional(),
    level: speechSchema.shape.level.optional(),
    occasions: z.array(z.string()).optional(),
    themes: z.array(z.string()).optional(),
  })
  .strict();

export type Sidecar = z.infer<typeof sidecarSchema>;
