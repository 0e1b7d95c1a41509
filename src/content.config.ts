import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { speechSchema } from './schemas/speech.ts';

/** Speeches as converted by `npm run convert` (build output, see README). */
const speeches = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './.generated/speeches' }),
  schema: speechSchema,
});

export const collections = { speeches };
