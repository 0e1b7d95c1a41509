/**
 * `npm run bench`: measure the built site against its budgets and exit 1 if one is missed.
 *
 * Speech page (HTML + the CSS and JS it loads eagerly, each `gzip -9`):
 *   - at most 1.6 × the gzip size of the speech text itself;
 *   - at most half of what Starlight serves for the same speech (bench/starlight.json, measured by
 *     scripts/bench-starlight.ts).
 * Builds the site first if dist/ is missing. Usage: node scripts/bench.ts [--json]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { convertCollectionData } from '../src/pipeline/collection.ts';

const TEXT_RATIO = 1.6;
const STARLIGHT_SHARE = 0.5;
/** Size after GNU `gzip -9`, what static servers typically precompress with (Node's zlib packs worse). */
const gz = (b: string | Uint8Array) => execFileSync('gzip', ['-9c'], { input: b, maxBuffer: 1 << 26 }).length;

if (!existsSync('dist/index.html')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

/** Bytes of the assets a page loads before it is readable: stylesheets and non-lazy scripts. */
function eagerAssets(html: string): string[] {
  const refs = [
    ...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/gu),
    ...html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"/gu),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/gu),
    ...html.matchAll(/<script[^>]+src="([^"]+)"/gu),
  ].map((m) => m[1]!);
  return [...new Set(refs)].filter((r) => r.startsWith('/'));
}

const starlight = existsSync('bench/starlight.json')
  ? (JSON.parse(readFileSync('bench/starlight.json', 'utf8')) as { pages: Record<string, { totalGzip: number }> })
  : null;

interface Row {
  speech: string;
  textGzip: number;
  htmlGzip: number;
  assetsGzip: number;
  totalGzip: number;
  ratio: number;
  starlightGzip: number | null;
  ok: boolean;
}
const rows: Row[] = [];
for (const { data, text } of convertCollectionData('.')) {
  const html = readFileSync(join('dist/speeches', data.slug, 'index.html'), 'utf8');
  const assets = eagerAssets(html).map((a) => gz(readFileSync(join('dist', a))));
  const assetsGzip = assets.reduce((a, b) => a + b, 0);
  const htmlGzip = gz(html);
  const textGzip = gz(text);
  const totalGzip = htmlGzip + assetsGzip;
  const starlightGzip = starlight?.pages[basename(data.source.file)]?.totalGzip ?? null;
  const ok =
    totalGzip <= TEXT_RATIO * textGzip && (starlightGzip === null || totalGzip <= STARLIGHT_SHARE * starlightGzip);
  rows.push({
    speech: data.slug,
    textGzip,
    htmlGzip,
    assetsGzip,
    totalGzip,
    ratio: totalGzip / textGzip,
    starlightGzip,
    ok,
  });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`speech page budget: ≤ ${TEXT_RATIO} × text gzip, ≤ ${STARLIGHT_SHARE} × Starlight (gzip bytes)`);
  console.table(
    rows.map((r) => ({
      speech: r.speech,
      'text gz': r.textGzip,
      'html gz': r.htmlGzip,
      'css+js gz': r.assetsGzip,
      'page gz': r.totalGzip,
      '× text': r.ratio.toFixed(2),
      'starlight gz': r.starlightGzip ?? 'n/a',
      '× starlight': r.starlightGzip ? (r.totalGzip / r.starlightGzip).toFixed(2) : 'n/a',
      ok: r.ok ? 'yes' : 'NO',
    })),
  );
  if (!starlight) console.log('bench/starlight.json missing: run `node scripts/bench-starlight.ts` to compare.');
}
const failed = rows.filter((r) => !r.ok);
if (failed.length) {
  console.error(`bench: ${failed.length} speech page(s) over budget: ${failed.map((r) => r.speech).join(', ')}`);
  process.exitCode = 1;
}
