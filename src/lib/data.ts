import { readFileSync, statSync } from 'node:fs';
import type { DataIndex, SpeechExport } from '../schemas/export.ts';
import type {
  CollectionData,
  Formulation,
  SpeechMarks,
  SpeechShared,
  SpeechText,
  TermPage,
} from '../schemas/generated.ts';
import { generated } from './paths.ts';

/**
 * Per-page data the collection stage wrote, read when that page is rendered and then dropped:
 * a speech's body, one page of a term's occurrences, the collection's figures. (Metadata goes
 * through content collections; see src/content.config.ts.)
 */
const read = <T>(...parts: string[]): T => JSON.parse(readFileSync(generated('data', ...parts), 'utf8')) as T;

/** The body of a speech page. */
export const speechText = (slug: string) => read<SpeechText>('text', `${slug}.json`);

/** The glossary links and notes placed on a speech. */
export const speechMarks = (slug: string) => read<SpeechMarks>('marks', `${slug}.json`);

/** The passages a speech shares with others, and its formulation clauses. */
export const speechShared = (slug: string) => read<SpeechShared>('shared', `${slug}.json`);

let formulations: Formulation[] | undefined;
/** Every formulation of the collection, most used first (read once per build). */
export const allFormulations = () => (formulations ??= read<Formulation[]>('formulations.json'));

/** One page of a glossary term's occurrences. */
export const termPage = (slug: string, page: number) => read<TermPage>('terms', slug, `${page}.json`);

let collection: CollectionData | undefined;
/** Figures about the whole collection (read once per build). */
export const collectionData = () => (collection ??= read<CollectionData>('collection.json'));

/** The downloads of a speech (src/collection/exports.ts) with their sizes in bytes: extension → size. */
export function exportSizes(slug: string): Record<'docx' | 'txt' | 'md' | 'json', number> {
  const size = (ext: string) => statSync(generated('exports', 'speeches', slug, `${slug}.${ext}`)).size;
  return { docx: size('docx'), txt: size('txt'), md: size('md'), json: size('json') };
}

let dataIndex: DataIndex | undefined;
/** The collection's open data files: JSON Lines parts and schema (read once per build). */
export const openData = () =>
  (dataIndex ??= JSON.parse(readFileSync(generated('exports', 'data', 'index.json'), 'utf8')) as DataIndex);

/** A speech's open-data document, as written for download. */
export const speechExport = (slug: string) =>
  JSON.parse(readFileSync(generated('exports', 'speeches', slug, `${slug}.json`), 'utf8')) as SpeechExport;
