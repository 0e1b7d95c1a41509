/**
 * The site's base path (Astro's `base`, e.g. `/yanlu/` for a GitHub Pages project site), always
 * ending in `/`. Outside Astro (the convert scripts, unit tests) it is `/`.
 */
export const basePath = (): string => {
  const b = (import.meta.env?.BASE_URL as string | undefined) ?? '/';
  return b.endsWith('/') ? b : `${b}/`;
};

/** A site path written root-relative (`/glossary/六稳/`) as served under the base path. */
export const href = (path: string): string => basePath() + path.replace(/^\//, '');
