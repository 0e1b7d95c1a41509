import type { APIRoute, GetStaticPaths } from 'astro';
import { formatDate } from '../../../lib/format.ts';
import { summaryOf, toRows, type OutlineFile } from '../../../lib/skeleton.ts';
import { allSpeeches } from '../../../lib/speeches.ts';
import type { SpeechMeta } from '../../../schemas/generated.ts';

/**
 * One speech's outline (`/skeletons/o/<slug>.json`, a few KB): the compare page and the copy
 * buttons fetch only the outlines they show, so neither grows with the collection.
 */
export const getStaticPaths = (async () =>
  (await allSpeeches()).map((s) => ({ params: { slug: s.slug }, props: { s } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ s: SpeechMeta }> = ({ props: { s } }) => {
  const file: OutlineFile = {
    slug: s.slug,
    title: s.title,
    date: formatDate(s.date),
    level: s.level,
    summary: summaryOf(s.outline),
    outline: toRows(s.outline),
  };
  return new Response(JSON.stringify(file), { headers: { 'content-type': 'application/json' } });
};
