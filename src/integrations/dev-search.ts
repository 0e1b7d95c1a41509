import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * In `astro dev`, serve the search index the collection stage wrote (`.generated/search/`) at
 * <base>search/, where the build puts it: `meta.json`, `t2s.json` and `idx/…`. Nothing else is served.
 */
export function serveSearchIndex(dir: string, base = '/'): Plugin {
  // With or without the base path in front: whether a middleware sees it depends on the dev server's order.
  const prefix = base.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const at = new RegExp(`^(?:${prefix}|/)search/((?:meta|t2s)\\.json|idx/.+)$`, 'u');
  return {
    name: 'yanlu:dev-search-index',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const m = at.exec(path);
        const file = m ? normalize(join(dir, m[1]!)) : '';
        if (!m || !file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}
