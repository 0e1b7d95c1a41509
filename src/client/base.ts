/**
 * The browser's side of src/lib/href.ts: the base path the page was built for (Astro's `base`,
 * e.g. `/yanlu/`), fixed when the script is bundled: Vite replaces `import.meta.env.BASE_URL`
 * in page scripts, and src/lib/bundle.ts defines it for the bundles served on demand. So a
 * page carries no extra byte for it, and the same code runs under any sub-path.
 */
export const basePath = (): string => import.meta.env.BASE_URL;

/** A site path written root-relative (`/search/`) as served under the base path. */
export const href = (path: string): string => basePath() + path.replace(/^\//, '');
