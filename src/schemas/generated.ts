import { z } from 'astro/zod';
import { glossaryTermSchema, noteSchema } from './annotations.ts';
import { speechSchema } from './speech.ts';

/**
 * What the collection stage (`src/collection/`) writes to `.generated/data/` and the site reads:
 * pages render from these, never from `content/`. One schema per file kind, types by `z.infer`.
 */

/** A term link in a block: [start, end) of the block text and the term's slug. */
const termRun = z.tuple([z.number().int(), z.number().int(), z.string()]);
/** A noted quote in a block: [start, end) of the block text and the note's number. */
const noteRun = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

/** One heading or paragraph of a speech as the page renders it. */
export const renderBlockSchema = z.object({
  /** Position id: `s2-3` (heading) or `p17` (paragraph). */
  id: z.string(),
  /** Outline depth for a heading; absent for a paragraph. */
  depth: z.number().int().min(1).optional(),
  /** Paragraph role the stylesheet sets apart (salutation, byline, preamble), if any. */
  role: z.string().optional(),
  /** Every character of the block, as in the source. */
  text: z.string(),
  /** Glossary terms linked in this block (outside noted quotes), left to right. */
  terms: z.array(termRun).optional(),
  /** Noted quotes in this block, left to right. */
  notes: z.array(noteRun).optional(),
});
export type RenderBlock = z.infer<typeof renderBlockSchema>;

/** An editorial note as placed on the page. */
export const placedNoteSchema = noteSchema.pick({ kind: true, exact: true, body: true }).extend({
  /** Number in reading order: `#note-3`. */
  n: z.number().int().positive(),
  /** The block (`title`, `s2`, `p9`) it belongs to. */
  block: z.string(),
  /** [start, end) of the quote in that block's text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type PlacedNote = z.infer<typeof placedNoteSchema>;

/** `.generated/data/text/<slug>.json`: the body of one speech page. */
export const speechTextSchema = z.object({
  blocks: z.array(renderBlockSchema),
  notes: z.array(placedNoteSchema),
});
export type SpeechText = z.infer<typeof speechTextSchema>;

/** `.generated/data/meta/<slug>.json`: one speech's front matter plus what the collection adds. */
export const speechMetaSchema = speechSchema.extend({
  /** Position in the collection, newest first (0 is the newest speech). */
  order: z.number().int().nonnegative(),
  /** Number of editorial notes on the speech. */
  notes: z.number().int().nonnegative(),
  /** Slugs of the previous (older) and next (newer) speech in date order, if any. */
  older: z.string().nullable(),
  newer: z.string().nullable(),
});
export type SpeechMeta = z.infer<typeof speechMetaSchema>;

/** How a glossary term is used across the collection. */
export const termStatsSchema = z.object({
  /** Linked occurrences in all speeches. */
  occurrences: z.number().int().nonnegative(),
  /** Speeches with at least one occurrence. */
  speeches: z.number().int().nonnegative(),
  /** Occurrences and characters of speech text by year: year → [occurrences, speeches, characters]. */
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
  before: z.string(),
  match: z.string(),
  after: z.string(),
});
export type Kwic = z.infer<typeof kwicSchema>;

/** `.generated/data/terms/<slug>/<page>.json`: one page of a term's occurrences, newest speech first. */
export const termPageSchema = z.object({
  page: z.number().int().positive(),
  pages: z.number().int().positive(),
  speeches: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      date: speechSchema.shape.date,
      /** Occurrences in this speech (more than `lines` shows when over the per-speech limit). */
      count: z.number().int().positive(),
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
  /** Year, level, occasion and theme values with their counts, as the filters list them. */
  facets: z.object({
    year: z.array(facetValue),
    level: z.array(facetValue),
    occasion: z.array(facetValue),
    theme: z.array(facetValue),
  }),
});
export type CollectionData = z.infer<typeof collectionSchema>;
