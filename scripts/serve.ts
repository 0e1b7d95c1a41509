/**
 * A static file server for `dist/`, used by the tests and the benchmark (and handy to look at a
 * build): directory URLs serve their index.html, unknown paths serve dist/404.html with status 404.
 * With a base path (`--base /yanlu/`, for a site built with BASE_PATH) dist/ is served under that
 * prefix only, as a GitHub Pages project site is: every other address is a bare 404.
 *
 * Usage: node scripts/serve.ts [--port N] [--dir dist] [--base /yanlu/]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

/**
 * Start serving `dir` on 127.0.0.1 under `base` (default `/`); port 0 picks a free one. Resolves
 * once listening, with the server's origin (without the base).
 */
export function serve(dir: string, port = 0, base = '/'): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed escape (/%E0%A4%A) is a bad request, not a reason to stop serving.
      res.writeHead(400).end('bad request');
      return;
    }
    // Outside the base path is another site's business: a bare 404, not this site's 404 page.
    if (!`${path}/`.startsWith(base)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found (outside the base path)');
      return;
    }
    path = `/${path.slice(base.length)}`;
    let file = normalize(join(root, path));
    // Inside the root only: the separator matters (/..%2fdist-x/ would pass a bare prefix test).
    const outside = file !== root && !file.startsWith(root + sep);
    if (!outside && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (outside || !existsSync(file)) {
      status = 404;
      file = join(root, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
    }
    res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const p = typeof address === 'object' && address ? address.port : port;
      done({ server, url: `http://127.0.0.1:${p}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const port = Number(args[args.indexOf('--port') + 1] || 4321);
  const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1]! : 'dist';
  const base = args.includes('--base') ? args[args.indexOf('--base') + 1]!.replace(/\/?$/u, '/') : '/';
  const { url } = await serve(dir, args.includes('--port') ? port : 4321, base);
  console.log(`serving ${dir} at ${url}${base}`);
}
