import { readFileSync } from 'node:fs';
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
