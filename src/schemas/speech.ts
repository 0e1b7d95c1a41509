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
      /** Year, or null when nothing in the text dates it. */
      year: z.number().int().min(1900).max(2100).nullable(),
      /** Month, when stated. */
      month: z.number().int().min(1).max(12).optional(),
      /** Day, when stated. */
      day: z.number().int().min(1).max(31).optional(),
      /** stated (title/byline), inferred (dated event), earliest (lower bound), override, unknown. */
      certainty: z.enum(['stated', 'inferred', 'earliest', 'override', 'unknown']),
      /** The words the date was read from, or the sidecar's note. */
      evidence: z.string(),
    }),
    /** Who gave the speech: from a byline such as `国务院总理 李克强`, or the sidecar; null when unknown. */
    speaker: z
      .object({
        /** The speaker's name (李克强). */
        name: z.string().min(1),
        /** Office as written before the name (国务院总理), or ''. */
        role: z.string(),
      })
      .strict()
      .nullable(),
    /** The body the speech speaks for (某县人民政府), from the sidecar; null when not given. */
    institution: z.string().min(1).nullable(),
    /** Where the speech was given (安康市汉阴县), from the sidecar; null when not given. */
    place: z.string().min(1).nullable(),
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
        /** Position id: `s2-3` is the third subsection of the second section. */
        id: z.string().regex(/^s\d+(?:-\d+)*$/),
        /** Outline depth, 1 for the top level. */
        depth: z.number().int().min(1),
        /** The numbering as written (`（一）`), or '' for an unmarked part title. */
        marker: z.string(),
        /** The heading as it reads in the outline: no marker, no closing 。. */
        title: z.string(),
      }),
    ),
    /** Paragraph ids by role: preamble and byline lines, salutation, closing, run-in. */
    roles: z.object({
      /** Lines before the title (a web page's heading, a place line). */
      preamble: z.array(z.string()).optional(),
      /** Date, venue and speaker lines under the title. */
      byline: z.array(z.string()).optional(),
      /** The salutation (同志们：). */
      salutation: z.array(z.string()).optional(),
      /** The closing paragraph (同志们，…). */
      closing: z.array(z.string()).optional(),
      /** Paragraphs that continue the line of the heading before them. */
      runin: z.array(z.string()).optional(),
    }),
    /** Sizes of the speech. */
    counts: z.object({
      /** Characters of speech text, whitespace excluded. */
      characters: z.number().int().nonnegative(),
      /** Paragraphs (p1 … pN). */
      paragraphs: z.number().int().nonnegative(),
      /** Headings in the outline. */
      headings: z.number().int().nonnegative(),
    }),
    /** Where the text came from. */
    source: z.object({
      /** Path relative to the repository root. */
      file: z.string(),
      /** How its bytes were decoded. */
      encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030']),
      /** Its line ends. */
      lineEnding: z.enum(['lf', 'crlf', 'cr', 'crcrlf', 'mixed', 'none']),
      /** SHA-256 of its bytes, hex. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** Its size in bytes. */
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
    /** The title, for a speech whose source has no title line. */
    title: z.string().min(1).optional(),
    /** When the speech was given, as the editors know it. */
    date: z
      .object({
        /** Year. */
        year: z.number().int().min(1900).max(2100),
        /** Month, if known. */
        month: z.number().int().min(1).max(12).optional(),
        /** Day, if known. */
        day: z.number().int().min(1).max(31).optional(),
        /** Why this date: shown to readers as the date's evidence. */
        note: z.string().min(1),
      })
      .strict()
      .optional(),
    /** The speaker, when the byline does not name them (or names them differently). */
    speaker: speechSchema.shape.speaker.optional(),
    /** The body the speech speaks for, for citations (某县人民政府). */
    institution: z.string().min(1).optional(),
    /** Where the speech was given, for citations (CSL event-place, BibTeX venue). */
    place: z.string().min(1).optional(),
    /** Administrative level, instead of the inferred one (null: none). */
    level: speechSchema.shape.level.optional(),
    /** Occasions, instead of the inferred ones. */
    occasions: z.array(z.string()).optional(),
    /** Themes, instead of the inferred ones. */
    themes: z.array(z.string()).optional(),
  })
  .strict();

export type Sidecar = z.infer<typeof sidecarSchema>;
