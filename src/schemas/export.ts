import { z } from 'astro/zod';
import { speechSchema } from './speech.ts';

/**
 * The open data of one speech: `/speeches/<slug>/<slug>.json`, and one line of the collection's
 * JSON Lines files (`/data/speeches-N.jsonl`). Its JSON Schema (`/data/speech.schema.json`) is
 * generated from this definition, so the files and their schema cannot drift apart.
 */

/** A W3C Web Annotation TextQuoteSelector: the quote and the text around it. */
const textQuoteSelector = z
  .object({
    type: z.literal('TextQuoteSelector'),
    /** The noted words, exactly as in the speech. */
    exact: z.string().min(1),
    /** Up to 32 characters of the same block immediately before them. */
    prefix: z.string(),
    /** Up to 32 characters of the same block immediately after them. */
    suffix: z.string(),
  })
  .strict();

/** The block (its page fragment) and, inside its text, the quote's character offsets. */
const fragmentSelector = z
  .object({
    type: z.literal('FragmentSelector'),
    conformsTo: z.literal('http://tools.ietf.org/rfc/rfc3986'),
    /** Block id: `title`, `s2-3` or `p17`. */
    value: z.string(),
    refinedBy: z
      .object({
        type: z.literal('TextPositionSelector'),
        /** Offset of the quote's first character in the block's text (code units, UTF-16). */
        start: z.number().int().nonnegative(),
        /** Offset just past its last character. */
        end: z.number().int().nonnegative(),
      })
      .strict(),
  })
  .strict();

/** An editorial note as a W3C Web Annotation (JSON-LD, https://www.w3.org/TR/annotation-model/). */
export const webAnnotationSchema = z
  .object({
    '@context': z.literal('http://www.w3.org/ns/anno.jsonld'),
    /** The note's address on the speech page: `…/speeches/<slug>/#note-3`. */
    id: z.url(),
    type: z.literal('Annotation'),
    /** correction → editing, placeholder → identifying, context → commenting, source → describing. */
    motivation: z.enum(['editing', 'identifying', 'commenting', 'describing']),
    /** Yanlu's kind of note (not a W3C term: JSON-LD processors drop it; motivation says the same). */
    kind: z.enum(['correction', 'placeholder', 'context', 'source']),
    body: z
      .object({
        type: z.literal('TextualBody'),
        /** The note's text. */
        value: z.string().min(1),
        format: z.literal('text/plain'),
        language: z.literal('zh-CN'),
      })
      .strict(),
    target: z
      .object({
        /** The speech page. */
        source: z.url(),
        /** Two alternatives, each selecting the same words: the quote in context, and block + offsets. */
        selector: z.tuple([textQuoteSelector, fragmentSelector]),
      })
      .strict(),
  })
  .strict();
export type WebAnnotation = z.infer<typeof webAnnotationSchema>;

const cslDate = z.object({ 'date-parts': z.array(z.array(z.number().int())), circa: z.boolean().optional() }).strict();

/** One speech: metadata, outline, every block with its id and address, and the editors' notes. */
export const speechExportSchema = z
  .object({
    /** Where this document's schema is. */
    $schema: z.url(),
    /** The speech page's absolute URL (the speech's identifier). */
    id: z.url(),
    slug: speechSchema.shape.slug,
    /** The title as written in the source (or the editors', when `titleDerived`). */
    title: z.string().min(1),
    /** True when the source has no title and the editors made one from the opening. */
    titleDerived: z.boolean(),
    date: speechSchema.shape.date.extend({
      /** The known part of the date as ISO 8601 (`2019-03-05`, `2019-03`, `2019`), or null. */
      iso: z.string().nullable(),
    }),
    speaker: speechSchema.shape.speaker,
    institution: speechSchema.shape.institution,
    place: speechSchema.shape.place,
    level: speechSchema.shape.level,
    occasions: speechSchema.shape.occasions,
    themes: speechSchema.shape.themes,
    counts: speechSchema.shape.counts,
    /** The source file, described (never its path, never the advertising removed from it). */
    source: z
      .object({
        encoding: speechSchema.shape.source.shape.encoding,
        lineEnding: speechSchema.shape.source.shape.lineEnding,
        /** SHA-256 of its bytes, hex. */
        sha256: speechSchema.shape.source.shape.sha256,
        bytes: speechSchema.shape.source.shape.bytes,
        /** Lines (or parts of lines) the cleaner removed as advertising or page chrome. */
        removed: z.number().int().nonnegative(),
      })
      .strict(),
    /** The headings, in order. */
    outline: z.array(
      z
        .object({
          /** Position id: `s2-3`. */
          id: z.string(),
          /** Depth, 1 for the top level. */
          depth: z.number().int().min(1),
          /** Numbering as written (`（一）`), or ''. */
          marker: z.string(),
          /** The heading without its numbering or closing 。. */
          title: z.string(),
          /** Absolute URL of the heading: the page with `#id`. */
          url: z.url(),
        })
        .strict(),
    ),
    /** Every heading and paragraph, in reading order: all the text of the speech but its title. */
    blocks: z.array(
      z
        .object({
          /** Position id: `s2-3` (heading) or `p17` (paragraph), stable across rebuilds. */
          id: z.string(),
          type: z.enum(['heading', 'paragraph']),
          /** Outline depth (headings only). */
          depth: z.number().int().min(1).optional(),
          /** preamble, byline, salutation, closing, or runin (continues the heading's line). */
          role: z.enum(['preamble', 'byline', 'salutation', 'closing', 'runin']).optional(),
          /** Every character of the block, as in the source. */
          text: z.string(),
          /** Absolute URL of the block: the page with `#id`. */
          url: z.url(),
        })
        .strict(),
    ),
    /** The editors' notes. */
    annotations: z.array(webAnnotationSchema),
    /** The speech as a CSL-JSON item (add your access date). */
    citation: z
      .object({
        id: z.string(),
        type: z.literal('webpage'),
        title: z.string(),
        author: z.array(z.object({ literal: z.string() }).strict()),
        issued: cslDate.optional(),
        'container-title': z.string(),
        genre: z.string(),
        'event-place': z.string().optional(),
        URL: z.url(),
        language: z.string(),
        note: z.string().optional(),
      })
      .strict(),
    /** The other forms of the speech: Word (GB/T 9704 layout), plain text, Markdown, this file. */
    downloads: z.object({ docx: z.url(), txt: z.url(), md: z.url(), json: z.url() }).strict(),
  })
  .strict();
export type SpeechExport = z.infer<typeof speechExportSchema>;

/** `/data/speech.schema.json`: the JSON Schema (draft 2020-12) of a speech document and of a JSON Lines line. */
export const speechJsonSchema = (id: string) => ({
  ...z.toJSONSchema(speechExportSchema),
  $id: id,
  title: 'Yanlu speech',
  description:
    'One speech of the collection: metadata, outline, blocks with ids and URLs, notes as W3C Web Annotations.',
});

/** `/data/index.json`: the collection's open data files. */
export interface DataIndex {
  /** Speeches in the collection (lines in all parts). */
  speeches: number;
  /** Absolute URL of the JSON Schema every speech document and line follows. */
  schema: string;
  /** The JSON Lines parts, newest speeches first. */
  parts: Array<{ url: string; speeches: number; bytes: number; sha256: string }>;
}
