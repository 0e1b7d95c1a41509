import { getCollection, type CollectionEntry } from 'astro:content';
import type { SpeechMeta } from '../schemas/generated.ts';
import { around } from './around.ts';

export type { Around } from './around.ts';

/** One static path per speech, keyed by its slug: for every page under /speeches/<slug>/. */
export async function speechPaths() {
  const speeches = await getCollection('speeches');
  const near = around(speeches.map((e) => e.data));
  return speeches.map((entry: CollectionEntry<'speeches'>) => ({
    params: { slug: entry.data.slug },
    props: { entry, around: near.get(entry.data.slug)! },
  }));
}

/** Every speech's metadata, newest first (the collection stage's order). */
export async function allSpeeches(): Promise<SpeechMeta[]> {
  return (await getCollection('speeches')).map((e) => e.data).sort((a, b) => a.order - b.order);
}

let byOrder: SpeechMeta[] | undefined;
/** Every speech by its position in the collection (SpeechMeta.order), built once per build. */
export async function speechesByOrder(): Promise<SpeechMeta[]> {
  return (byOrder ??= await allSpeeches());
}
