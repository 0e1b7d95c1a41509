/**
 * The browser's side of src/lib/href.ts: the base path the page was built for, read from
 * `<html data-base>` (set by the layout), so scripts fetch and link under it.
 */
export const basePath = (): string => document.documentElement.dataset['base'] ?? '/';

/** A site path written root-relative (`/search/`) as served under the base path. */
export const href = (path: string): string => basePath() + path.replace(/^\//, '');
