import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options for {@link pagefind}. */
export interface Options {
  /** Fail the build unless at least this many pages were indexed. Default: 1. */
  minPages?: number;
}

/**
 * Index the built site with Pagefind's Node API once Astro has written it, and fail the build on
 * any Pagefind error (a site without a working index must not ship). Modelled on Starlight's
 * integrations/pagefind.ts.
 */
export default function pagefind(options: Options = {}): AstroIntegration {
  const minPages = options.minPages ?? 1;
  return {
    name: 'yanlu:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pf = await import('pagefind');
        const site = fileURLToPath(dir);
        try {
          const { index, errors } = await pf.createIndex({});
          if (!index) throw new Error(errors.join('; ') || 'no index');
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) throw new Error(added.errors.join('; '));
          if (added.page_count < minPages) {
            throw new Error(`indexed ${added.page_count} pages, expected at least ${minPages}`);
          }
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          const stripped = await stripIndexMarkup(site);
          logger.info(`Pagefind indexed ${added.page_count} pages; index-only markup removed from ${stripped}`);
        } catch (cause) {
          throw new Error('Failed to run Pagefind.', { cause });
        } finally {
          await pf.close();
        }
      },
    },
  };
}

/**
 * The data-pagefind-* attributes and <meta> tags only tell Pagefind what to index; once the index
 * is written they are dead weight for readers, so they are removed from the built pages.
 */
async function stripIndexMarkup(site: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(site, { recursive: true })) {
    if (!entry.endsWith('.html')) continue;
    const file = join(site, entry);
    const html = await readFile(file, 'utf8');
    // Only inside tags: speech text that happens to read "data-pagefind-…" is left alone.
    const out = html
      .replace(/<meta data-pagefind-[a-z]+="[^"]*" content="[^"]*">/gu, '')
      .replace(/<[a-z][^<>]*>/gu, (tag) => tag.replace(/ data-pagefind-[a-z]+(?:="[^"]*")?/gu, ''));
    if (out !== html) {
      await writeFile(file, out);
      count++;
    }
  }
  return count;
}
