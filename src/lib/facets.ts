import { collectionData } from './data.ts';
import { FACETS, type FacetName } from './listing.ts';

/** A facet of the collection that readers filter by, with the values that occur in it. */
export interface Facet {
  /** URL parameter and search filter name. */
  name: FacetName;
  label: string;
  values: string[];
}

/** Year (newest first), level (national down to county), occasion and theme, as they occur. */
export function facets(): Facet[] {
  const data = collectionData().facets;
  return FACETS.map((f) => ({ ...f, values: data[f.name].map(([v]) => v) }));
}
