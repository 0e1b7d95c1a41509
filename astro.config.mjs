// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import { devLoop } from './src/integrations/dev-loop.ts';
import { serveSearchIndex } from './src/integrations/dev-search.ts';
import { loadSite } from './src/lib/site.ts';
import { sitemapOptions } from './src/lib/publish.ts';

// The collection to build: this repository, or a fixture/benchmark root (see src/lib/paths.ts).
const root = resolve(process.env.YANLU_ROOT ?? '.');
// content/site.yaml, with SITE_URL and BASE_PATH from the environment for a deploy.
const site = loadSite(root);

export default defineConfig({
  // Absolute URLs (citations, canonical links, sitemap, feeds): the home page's address.
  site: site.url,
  // The path the site is served under; every internal link goes through src/lib/href.ts.
  base: site.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Pages render from the collection stage's data (.generated/data). Its search index
  // (.generated/search) is linked into dist/search/ by scripts/build.ts rather than copied by
  // Astro (10,000 files), and served by the dev server from where it is.
  outDir: resolve(root, 'dist'),
  cacheDir: resolve(root, '.generated/astro-cache'),
  markdown: {
    // MDX stays the interchange format; should any page be MDX, speech text rules apply: no
    // GFM (1~3月 is not strikethrough) and no SmartyPants (quotes are the speaker's).
    processor: unified({ gfm: false, smartypants: false }),
    syntaxHighlight: false,
  },
  // devLoop: `npm run dev` converts content/ as it is edited (src/integrations/dev-loop.ts).
  // The sitemap (sitemap-index.xml, split at 45,000 addresses), each speech page's date as its lastmod.
  integrations: [mdx(), devLoop(root), sitemap(sitemapOptions(root))],
  experimental: { collectionStorage: 'chunked' },
  // No modulepreload helper: it would ship with every page although only search uses it.
  vite: { build: { modulePreload: false }, plugins: [serveSearchIndex(resolve(root, '.generated/search'), site.base)] },
  devToolbar: { enabled: false },
});
