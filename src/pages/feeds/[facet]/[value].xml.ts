import type { APIRoute, GetStaticPaths } from 'astro';
import { allSpeeches } from '../../../lib/speeches.ts';
import { facetSlugs, facetValues } from '../../../lib/listing.ts';
import { absolute, site } from '../../../lib/site.ts';
import { facetFeedPath, feed, FEED_FACETS } from '../../../lib/publish.ts';
import type { SpeechMeta } from '../../../schemas/generated.ts';

/**
 * A feed per level and per theme (`/feeds/level/xian.xml`), with the browse pages' URL segments:
 * a reader follows the county speeches, or one theme, only. Linked from that browse page's head.
 */
export const getStaticPaths = (async () => {
  const all = await allSpeeches();
  return FEED_FACETS.flatMap((facet) => {
    const byValue = new Map<string, SpeechMeta[]>();
    for (const s of all) for (const v of facetValues(s, facet)) byValue.set(v, [...(byValue.get(v) ?? []), s]);
    const slugs = facetSlugs(byValue.keys());
    return [...byValue].map(([value, speeches]) => ({
      params: { facet, value: slugs.get(value)! },
      props: { name: facet === 'level' ? `${value}级` : value, speeches },
    }));
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ name: string; speeches: SpeechMeta[] }> = ({ params, props }) =>
  feed(
    `${site().name}：${props.name}的讲话`,
    facetFeedPath(params['facet']!, params['value']!),
    props.speeches,
    absolute,
  );
