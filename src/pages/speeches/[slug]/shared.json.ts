import type { APIRoute } from 'astro';
import type { CollectionEntry } from 'astro:content';
import { speechShared } from '../../../lib/data.ts';
import { suggestions } from '../../../lib/partner.ts';
import { speechesByOrder, speechPaths } from '../../../lib/speeches.ts';

export const getStaticPaths = speechPaths;

/**
 * A speech's shared passages and formulation clauses, for read.ts to mark them in the text on
 * request and for the compare page's new and dropped formulations; and the speeches the compare
 * page suggests setting beside it (src/lib/partner.ts).
 */
export const GET: APIRoute<{ entry: CollectionEntry<'speeches'> }> = async ({ props }) => {
  const s = props.entry.data;
  const shared = speechShared(s.slug);
  const compare = suggestions(s, await speechesByOrder(), shared);
  const passages = shared.passages.map(([b, spans, n]) => [b, spans, n]);
  return new Response(JSON.stringify({ passages, formulations: shared.formulations, compare }), {
    headers: { 'content-type': 'application/json' },
  });
};
