import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { collectionData } from '../../lib/data.ts';
import { trendsData } from '../../lib/trends.ts';

/** The trends page's data: every term's occurrences by year and the collection's characters by year. */
export const GET: APIRoute = async () => {
  const terms = (await getCollection('glossary')).map((e) => e.data);
  const data = trendsData(terms, collectionData().years);
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};
