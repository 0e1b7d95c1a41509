import type { APIRoute } from 'astro';
import { absolute } from '../lib/site.ts';

/**
 * robots.txt: everything may be crawled, and the sitemap (@astrojs/sitemap's index) is named
 * with its absolute address. Crawlers read it only at the host's root: under a sub-path, the
 * host's own robots.txt must name the sitemap (README, Deploy).
 */
export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absolute('/sitemap-index.xml')}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
