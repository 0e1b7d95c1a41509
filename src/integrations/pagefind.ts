import type { AstroIntegration } from 'astro';
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
          logger.info(`Pagefind indexed ${added.page_count} pages`);
        } catch (cause) {
          throw new Error('Failed to run Pagefind.', { cause });
        } finally {
          await pf.close();
        }
      },
    },
  };
}
