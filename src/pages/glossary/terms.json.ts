import type { APIRoute } from 'astro';
import { loadGlossary } from '../../annotate/glossary.ts';

/** Definitions for the popover, fetched once on first use: slug → [term, pinyin, definition]. */
export const GET: APIRoute = () => {
  const data = Object.fromEntries(loadGlossary().map((t) => [t.slug, [t.term, t.pinyin, t.definition.trim()]]));
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};
