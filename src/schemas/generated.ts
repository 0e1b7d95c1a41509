import { z } from 'astro/zod';
import { glossaryTermSchema, noteSchema } from './annotations.ts';
import { speechSchema } from './speech.ts';

/**
 * What the collection stage (`src/collection/`) writes to `.generated/data/` and the site reads:
 * pages render from these, never from `content/`. One schema per file kind, types by `z.infer`.
 */

/** One heading or paragraph of a speech, exactly as the converter cut it. */
export const renderBlockSchema = z.object({
  /** Position id: `s2-3` (heading) or `p17` (paragraph). */
  id: z.string(),
  /** Outline depth for a heading; absent for a paragraph. */
  depth: z.number().int().min(1).optional(),
  /** Paragraph role the stylesheet sets apart (salutation, byline, preamble), if any. */
  role: z.string().optional(),
  /** Every character of the block, as in the source. */
  text: z.string(),
});
export type RenderBlock = z.infer<typeof renderBlockSchema>;

/** An editorial note as placed on the page. */
export const placedNoteSchema = noteSchema.pick({ kind: true, exact: true, body: true }).extend({
  /** Number in reading order: `#note-3`. */
  n: z.number().int().positive(),
  /** The block (`title`, `s2`, `p9`) it belongs to. */
  block: z.string(),
  /** Where the quote starts in that block's text. */
  start: z.number().int().nonnegative(),
  /** Where the quote ends (exclusive). */
  end: z.number().int().nonnegative(),
});
export type PlacedNote = z.infer<typeof placedNoteSchema>;

/**
 * `.generated/data/text/<slug>.json`: the body of one speech page. It depends only on the source,
 * so it is written when the source is converted and read back on later runs.
 */
export const speechTextSchema = z.object({
  /** Headings and paragraphs in reading order. */
  blocks: z.array(renderBlockSchema),
});
export type SpeechText = z.infer<typeof speechTextSchema>;

/**
 * `.generated/data/marks/<slug>.json`: what the editors add to a speech's text, placed by the
 * collection stage on every run (the glossary or a notes file may change while the text does not).
 */
export const speechMarksSchema = z.object({
  /**
   * Glossary links: [block index, start, end, term slug], in reading order (outside noted quotes),
   * a term's first occurrence in each top-level section only.
   */
  terms: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int(), z.string()])),
  /** Editorial notes, numbered in reading order. */
  notes: z.array(placedNoteSchema),
});
export type SpeechMarks = z.infer<typeof speechMarksSchema>;

/** One entry of `.generated/data/speeches.json` (keyed by slug): front matter plus what the collection adds. */
export const speechMetaSchema = speechSchema.extend({
  /** Position in the collection, newest first (0 is the newest speech). */
  order: z.number().int().nonnegative(),
  /** Number of editorial notes on the speech. */
  notes: z.number().int().nonnegative(),
  /** Slug of the next older speech in date order, if any. */
  older: z.string().nullable(),
  /** Slug of the next newer speech in date order, if any. */
  newer: z.string().nullable(),
});
export type SpeechMeta = z.infer<typeof speechMetaSchema>;

/** How a glossary term is used across the collection. */
export const termStatsSchema = z.object({
  /** Occurrences in all speeches (linked or not, inside noted quotes too). */
  occurrences: z.number().int().nonnegative(),
  /** Speeches with at least one occurrence. */
  speeches: z.number().int().nonnegative(),
  /**
   * Years it occurs in: year → [occurrences, speeches, characters of that year's speeches]. Years of
   * the collection without it are absent (the collection's `years` lists them all).
   */
  byYear: z.record(z.string(), z.tuple([z.number().int(), z.number().int(), z.number().int()])),
  /** Pages of the term's occurrence list (`/glossary/<slug>/`, then `/glossary/<slug>/2/` …). */
  pages: z.number().int().nonnegative(),
});

/** `.generated/data/glossary.json`: every glossary term with its statistics. */
export const glossaryEntrySchema = glossaryTermSchema.extend({
  /** Same as `slug`: the entry id for Astro's `file()` loader. */
  id: z.string(),
  stats: termStatsSchema,
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

/** One line of keyword in context: a term where it occurs. */
export const kwicSchema = z.object({
  /** Block id, `p17`. */
  block: z.string(),
  /** Up to 12 characters before the term. */
  before: z.string(),
  /** The term as written there. */
  match: z.string(),
  /** Up to 12 characters after it. */
  after: z.string(),
});
export type Kwic = z.infer<typeof kwicSchema>;

/** `.generated/data/terms/<slug>/<page>.json`: one page of a term's occurrences, newest speech first. */
export const termPageSchema = z.object({
  /** This page's number, from 1. */
  page: z.number().int().positive(),
  /** How many pages the term has. */
  pages: z.number().int().positive(),
  /** The speeches on this page, newest first. */
  speeches: z.array(
    z.object({
      /** The speech's slug. */
      slug: z.string(),
      /** Its title. */
      title: z.string(),
      /** Its date. */
      date: speechSchema.shape.date,
      /** Occurrences in this speech (more than `lines` shows when over the per-speech limit). */
      count: z.number().int().positive(),
      /** The first few occurrences in context. */
      lines: z.array(kwicSchema),
    }),
  ),
});
export type TermPage = z.infer<typeof termPageSchema>;

/** A facet value and how many speeches have it. */
const facetValue = z.tuple([z.string(), z.number().int().positive()]);

/** `.generated/data/collection.json`: figures about the whole collection. */
export const collectionSchema = z.object({
  /** Number of speeches. */
  speeches: z.number().int().nonnegative(),
  /** Characters of speech text in all. */
  characters: z.number().int().nonnegative(),
  /**
   * Every year with a dated speech, oldest first: year → [speeches, characters of their text as
   * the glossary counts it (blocks, whitespace aside)]. The denominator of every term's rate.
   */
  years: z.record(z.string(), z.tuple([z.number().int().positive(), z.number().int().nonnegative()])),
  /** Year, level, occasion and theme values with their counts, as the filters list them. */
  facets: z.object({
    /** Years, newest first. */
    year: z.array(facetValue),
    /** Levels, national down to county. */
    level: z.array(facetValue),
    /** Occasions, most frequent first. */
    occasion: z.array(facetValue),
    /** Themes, most frequent first. */
    theme: z.array(facetValue),
  }),
});
export type CollectionData = z.infer<typeof collectionSchema>;

/** `/search/idx/d/<id>.json`: one speech as the search page verifies and shows it. */
export const searchDocSchema = z.object({
  /** Page URL path, `/speeches/<slug>/`. */
  u: z.string(),
  /** Title. */
  t: z.string(),
  /** Date as shown. */
  d: z.string(),
  /** Date sort key (yyyymmdd). */
  k: z.number().int(),
  /** Level (县, 市 …) or ''. */
  l: z.string(),
  /** Blocks: [id, text]; `title` first unless the title is the editors'. */
  b: z.array(z.tuple([z.string(), z.string()])),
});
export type SearchDoc = z.infer<typeof searchDocSchema>;

/**
 * `/search/idx/d/<id>.json` for an id at or past `speeches`: the editorial notes of one speech, a
 * search document of their own in the same candidate index (so the notes grow with the collection
 * in the same shards, and no query downloads every note). `b` holds one block per note,
 * `[note-N, body]`; `q` the note's kind label and quote, in the same order.
 */
export const noteDocSchema = searchDocSchema.extend({
  /** Id of the speech the notes belong to. */
  s: z.number().int().nonnegative(),
  /** Per note: [kind as shown (勘误, 隐去, 背景, 出处), the quote it is anchored to]. */
  q: z.array(z.tuple([z.string(), z.string()])),
});
export type NoteDoc = z.infer<typeof noteDocSchema>;

/**
 * `/search/idx/d/<id>.json` for an id past the notes documents: a run of FORMULATION_DOC
 * formulations, most used first, so the search page can list the formulations (提法) that contain
 * a phrase from the same candidate index. `b` holds `[f<rank>, text]`; `n` each one's speeches.
 */
export const formulationDocSchema = searchDocSchema.extend({
  n: z.array(z.number().int().positive()),
});
export type FormulationDoc = z.infer<typeof formulationDocSchema>;

/** `/search/idx/m/<n>.json`: the speeches of ids n·chunk … (n+1)·chunk − 1, to list them without their text. */
export const listChunkSchema = z.array(
  /** [url, title, date as shown, date sort key, level or ''] */
  z.tuple([z.string(), z.string(), z.string(), z.number().int(), z.string()]),
);
export type ListChunk = z.infer<typeof listChunkSchema>;

/** `/search/idx/glossary.json`: every glossary term as search matches it: [slug, term, aliases, definition]. */
export const glossarySearchSchema = z.array(z.tuple([z.string(), z.string(), z.array(z.string()), z.string()]));
export type GlossarySearch = z.infer<typeof glossarySearchSchema>;

/** `/search/meta.json`: which build the candidate index is and how it is cut. */
export const searchMetaSchema = z.object({
  /** Content hash of this build's index, added to its URLs (`?v=`) so caches never mix builds. */
  v: z.string(),
  /** Speeches in the index; their ids are 0 … speeches − 1, newest first. */
  speeches: z.number().int().nonnegative(),
  /** Notes documents (one per speech with notes), ids speeches … speeches + notes − 1, in speech order. */
  notes: z.number().int().nonnegative(),
  /** Formulation documents, ids after the notes documents, most used formulations first. */
  formulations: z.number().int().nonnegative(),
  /** Speeches per list chunk (`/search/idx/m/<n>.json`). */
  chunk: z.number().int().positive(),
  /** Number of key shards (a power of two): `/search/idx/i/<n>.bin`. */
  shards: z.number().int().positive(),
});
export type SearchMeta = z.infer<typeof searchMetaSchema>;

/**
 * `/search/idx/facets.json`: facet name → value → base64 of the delta varints of the ids that have it:
 * speeches, then the notes documents of those speeches.
 */
export const facetPostingsSchema = z.record(z.string(), z.record(z.string(), z.string()));
export type FacetPostings = z.infer<typeof facetPostingsSchema>;

/** Another speech's block: [its position in the collection (SpeechMeta.order), block id]. */
const otherBlockSchema = z.tuple([z.number().int().nonnegative(), z.string()]);

/**
 * `.generated/data/shared/<slug>.json`: text reuse of one speech (src/collection/passages.ts),
 * computed once over the collection.
 */
export const speechSharedSchema = z.object({
  /**
   * Blocks sharing a passage of ≥ 12 characters with other speeches: [block id, every shared span
   * of its text ([start, end], merged, in order), how many other speeches share one, the earliest
   * 50 of them (one block per speech, oldest first)].
   */
  passages: z.array(
    z.tuple([
      z.string(),
      z.array(z.tuple([z.number().int(), z.number().int()])),
      z.number().int().positive(),
      z.array(otherBlockSchema),
    ]),
  ),
  /** Clauses that are formulations of the collection: [block id, start, end]. */
  formulations: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])),
});
export type SpeechShared = z.infer<typeof speechSharedSchema>;

/** One formulation (提法): a clause used in at least three speeches. */
export const formulationSchema = z.object({
  /** As first written (in its oldest speech). */
  text: z.string(),
  /** Speeches using it. */
  speeches: z.number().int().positive(),
  /** Where it first appears. */
  first: otherBlockSchema,
  /** Speeches using it by year: year → count ('' for undated). */
  byYear: z.record(z.string(), z.number().int()),
  /** Facet values of the speeches using it, for the filtered lists: facet → values. */
  facets: z.record(z.string(), z.array(z.string())),
});
export type Formulation = z.infer<typeof formulationSchema>;
