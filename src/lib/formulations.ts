import { FACETS, facetSlugs } from './listing.ts';
import type { Formulation } from '../schemas/generated.ts';
import { FORMULATIONS_PER_PAGE } from '../collection/reuse.ts';

/** Formulations listed per facet value: the most used (the full list is /formulations/). */
export const PER_FACET_VALUE = 100;

/** `items` in pages of FORMULATIONS_PER_PAGE (at least one page, possibly empty). */
export function formulationPages<T>(items: readonly T[], per = FORMULATIONS_PER_PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += per) out.push(items.slice(i, i + per));
  return out.length ? out : [[]];
}

const byFacet = new WeakMap<readonly Formulation[], ReturnType<typeof groupByFacet>>();
/** For every facet value used by some formulation's speeches: its label, slug and formulations (computed once per list). */
export function formulationsByFacet(all: readonly Formulation[]) {
  let groups = byFacet.get(all);
  if (!groups) byFacet.set(all, (groups = groupByFacet(all)));
  return groups;
}

function groupByFacet(all: readonly Formulation[]) {
  return FACETS.flatMap((f) => {
    const byValue = new Map<string, Formulation[]>();
    for (const x of all)
      for (const v of x.facets[f.name] ?? []) {
        const list = byValue.get(v);
        if (list) list.push(x);
        else byValue.set(v, [x]);
      }
    const slugs = facetSlugs(byValue.keys());
    return [...byValue].map(([value, items]) => ({
      facet: f.name,
      label: f.label,
      value,
      slug: slugs.get(value)!,
      total: items.length,
      items: items.slice(0, PER_FACET_VALUE),
    }));
  });
}
