import { z } from 'astro/zod';

/**
 * `content/site.yaml`: who publishes this collection and where. Every page, citation and export
 * reads it; nothing in `src/` names the collection. `SITE_URL` overrides `url` for a deploy.
 */
export const siteSchema = z
  .object({
    /** The site's name, in the title bar and citations (言录). */
    name: z.string().min(1).default('言录'),
    /** One sentence on what the collection is, for the home page and link previews. */
    description: z.string().min(1).default('中国官方讲话稿汇编：原文、提纲、术语与注释。'),
    /** Who publishes it, as a citation names the publisher. */
    publisher: z.string().min(1).default('言录编辑组'),
    /**
     * Where the site is published, absolute (https://example.org/). Citations, canonical links
     * and copied links use it. The default is where `npm start` serves the site.
     */
    url: z
      .url()
      .refine((u) => /^https?:\/\//u.test(u), 'must start with http:// or https://')
      .default('http://127.0.0.1:4321/'),
  })
  .strict();
export type Site = z.infer<typeof siteSchema>;
