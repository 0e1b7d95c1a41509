import { getCollection } from 'astro:content';

/** One static path per speech, keyed by its slug: for every page under /speeches/<slug>/. */
export async function speechPaths() {
  const speeches = await getCollection('speeches');
  return speeches.map((entry) => ({ params: { slug: entry.data.slug }, props: { entry } }));
}
