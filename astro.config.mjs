// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import pagefind from './src/integrations/pagefind.ts';
import rehypeAnnotations from './src/plugins/rehype-annotations.ts';
import rehypeSpeech from './src/plugins/rehype-speech.ts';

export default defineConfig({
  // Absolute URLs in citations; set SITE_URL when deploying (e.g. https://yanlu.example.org).
  ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // Speech text must reach the page as written: no GFM (1~3月 is not strikethrough, bare URLs
    // stay text) and no SmartyPants (quotes and dashes are the speaker's, not typography).
    processor: unified({ gfm: false, smartypants: false, rehypePlugins: [rehypeSpeech, rehypeAnnotations] }),
    syntaxHighlight: false,
  },
  integrations: [mdx(), pagefind()],
  // No modulepreload helper: it would ship with every page although only search uses it.
  vite: { build: { modulePreload: false } },
  devToolbar: { enabled: false },
});
