import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';

/** Definitions for the popover, fetched once on first use: slug → [term, pinyin, definition]. */
export const GET: APIRoute = async () => {
  const terms = await getCollection('glossary');
  const data = Object.fromEntries(terms.map(({ data: t }) => [t.slug, [t.term, t.pinyin, t.definition.trim()]]));
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};
