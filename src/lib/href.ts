/**
 * The site's base path (Astro's `base`, e.g. `/yanlu/` for a GitHub Pages project site), always
 * ending in `/`. Outside Astro (the convert scripts, unit tests) it is YANLU_BASE_PATH, else `/`.
 */
export const basePath = (): string => {
  // YANLU_BASE_PATH: the scripts that write pages' parts outside Astro (scripts/shared-rows.ts).
  const b =
    (import.meta.env?.BASE_URL as string | undefined) ??
    (typeof process === 'undefined' ? undefined : process.env.YANLU_BASE_PATH) ??
    '/';
  return b.endsWith('/') ? b : `${b}/`;
};

/** A site path written root-relative (`/glossary/六稳/`) as served under the base path. */
export const href = (path: string): string => basePath() + path.replace(/^\//, '');
