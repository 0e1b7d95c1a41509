import type { APIRoute } from 'astro';
import { build } from 'esbuild';

/**
 * The search code as one small ES module at a stable URL. Bundled here with esbuild rather than
 * by Vite so that pages which only might search carry no module-preload helper: a page loads
 * this file, by dynamic import, only when the reader reaches for search.
 */
export const GET: APIRoute = async () => {
  const out = await build({
    entryPoints: ['src/search/ui.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
  });
  return new Response(out.outputFiles[0]!.text, { headers: { 'content-type': 'text/javascript' } });
};
