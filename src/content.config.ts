import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { generated } from './lib/paths.ts';
import { glossaryEntrySchema, speechMetaSchema } from './schemas/generated.ts';

/**
 * What the collection stage (`npm run convert`) wrote: every speech's metadata (one file, keyed
 * by slug) and the glossary with its statistics. Speech bodies and term occurrence pages are read per page
 * (src/lib/data.ts), so the store holds no text and stays small at any collection size.
 */
const speeches = defineCollection({
  loader: file(generated('data/speeches.json')),
  schema: speechMetaSchema,
});

const glossary = defineCollection({
  loader: file(generated('data/glossary.json')),
  schema: glossaryEntrySchema,
});

export const collections = { speeches, glossary };
