import type { APIRoute, GetStaticPaths } from 'astro';
import { readFileSync } from 'node:fs';
import { generated } from '../lib/paths.ts';
import { site } from '../lib/site.ts';

const TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', webp: 'image/webp' };

/** The site file's logo (`/logo.svg`), as the collection stage copied it from content/; no route without one. */
export const getStaticPaths = (() => {
  const ext = site().logo?.split('.').pop();
  return ext ? [{ params: { ext } }] : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(generated('data', `logo.${params['ext']!}`)), {
    headers: { 'content-type': TYPES[params['ext']!] ?? 'application/octet-stream' },
  });
