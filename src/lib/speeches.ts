import { getCollection } from 'astro:content';
import type { SpeechMeta } from '../schemas/generated.ts';

/** One static path per speech, keyed by its slug: for every page under /speeches/<slug>/. */
export async function speechPaths() {
  const speeches = await getCollection('speeches');
  return speeches.map((entry) => ({ params: { slug: entry.data.slug }, props: { entry } }));
}

/** Every speech's metadata, newest first (the collection stage's order). */
export async function allSpeeches(): Promise<SpeechMeta[]> {
  return (await getCollection('speeches')).map((e) => e.data).sort((a, b) => a.order - b.order);
}
