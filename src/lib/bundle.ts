import { build } from 'esbuild';
import { resolve } from 'node:path';
import { basePath } from './href.ts';

/**
 * Bundle one browser module with esbuild and serve it from an Astro endpoint at a stable URL.
 * Used for code that loads only on demand (search, the glossary popover): a page that merely
 * might use it then carries no bundler runtime, only a dynamic import of that URL.
 */
export async function bundle(entry: string): Promise<Response> {
  const out = await build({
    // Relative to the repository (the build may run Astro from another collection's folder).
    entryPoints: [resolve(process.env['YANLU_REPO'] ?? '.', entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    // The base path the site is built for (src/client/base.ts reads it), as Vite does for page scripts.
    define: { 'import.meta.env.BASE_URL': JSON.stringify(basePath()) },
  });
  return new Response(out.outputFiles[0]!.text, { headers: { 'content-type': 'text/javascript' } });
}
