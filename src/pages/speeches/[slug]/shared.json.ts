import type { APIRoute } from 'astro';
import { speechShared } from '../../../lib/data.ts';
import { speechPaths } from '../../../lib/speeches.ts';

export const getStaticPaths = speechPaths;

/** A speech's shared passages and formulation clauses, for read.ts to mark them in the text on request. */
export const GET: APIRoute = ({ params }) => {
  const { passages, formulations } = speechShared(params['slug']!);
  return new Response(JSON.stringify({ passages: passages.map(([b, spans, n]) => [b, spans, n]), formulations }), {
    headers: { 'content-type': 'application/json' },
  });
};
