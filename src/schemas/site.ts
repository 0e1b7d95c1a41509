import { z } from 'astro/zod';

/** An absolute http(s) address. */
const httpUrl = z
  .url({ message: 'must be an absolute address (https://…)' })
  .refine((u) => /^https?:\/\//u.test(u), 'must start with http:// or https://');

/**
 * How wide a name is in the header, in Chinese characters (Latin letters and digits count 0.6):
 * at 320 px a speech page's header has room for four beside 提纲 and its three links.
 */
export const headerWidth = (name: string): number =>
  [...name].reduce((w, c) => w + (/[\u0020-\u024f]/u.test(c) ? 0.6 : 1), 0);
/** The header's room for the short name at 320 px (see headerWidth). */
export const SHORT_NAME_WIDTH = 4;

/** A licence as the about page names it. */
const licence = z
  .object({
    /** Its name as readers see it (`CC BY 4.0`, `保留所有权利` …). */
    name: z.string().min(1),
    /** Where its text is, if anywhere. */
    url: httpUrl.optional(),
  })
  .strict();

/**
 * `content/site.yaml`: who publishes this collection, where, and under what terms. Every page,
 * citation, feed and export reads it; nothing in `src/` names the collection. Every field has a
 * neutral default, so a collection without the file builds; `SITE_URL` and `BASE_PATH` in the
 * environment override `url` and `base` for a deploy.
 */
export const siteSchema = z
  .object({
    /** The collection's full name: home page, citations (the GB/T 7714 publisher), feeds. */
    name: z.string().min(1).default('讲话汇编'),
    /**
     * The name in the header and the browser tab, at most four Chinese characters wide (see
     * headerWidth); default: `name`, which then must be as short.
     */
    shortName: z
      .string()
      .min(1)
      .refine(
        (n) => headerWidth(n) <= SHORT_NAME_WIDTH,
        `at most ${SHORT_NAME_WIDTH} Chinese characters (or 6 Latin letters): it heads every page, also at 320 px`,
      )
      .optional(),
    /** One sentence on what the collection is: home page, link previews, feeds. */
    description: z.string().min(1).default('讲话稿全文汇编，附提纲、术语与编者注释，可逐字检索、逐段引用。'),
    /** Who keeps and publishes it (an archive, a research group, a newsroom). */
    publisher: z.string().min(1).default('本汇编编者'),
    /** Where the texts come from, in a sentence or two, for the about page. */
    sources: z.string().min(1).default('讲话稿由编者从公开发布的文本收集。'),
    /**
     * Where the site's home page is published, absolute (https://example.org/ or, under a
     * sub-path, https://example.org/archive/speeches/). Citations, canonical links, the sitemap
     * and the feeds use it. The default is where `npm start` serves the site.
     */
    url: httpUrl
      .refine((u) => !/[?#]/u.test(u), 'must not carry a query or fragment')
      .default('http://127.0.0.1:4321/'),
    /**
     * The path the site is served under (`/yanlu/` for a GitHub Pages project site), Astro's
     * `base`. Default: the path of `url`.
     */
    base: z
      .string()
      // Segment by segment (a nested pattern such as (x+/?)* backtracks exponentially on a long
      // value with a bad character at its end): letters, digits, . _ ~ -, never only dots.
      .refine(
        (b) =>
          b.startsWith('/') &&
          b
            .slice(1)
            .split('/')
            .every((seg, i, all) =>
              seg === '' ? i === all.length - 1 : /^[A-Za-z0-9._~-]+$/u.test(seg) && !/^\.+$/u.test(seg),
            ),
        'must be a path such as /yanlu/ (letters, digits, . _ ~ - between slashes)',
      )
      .optional(),
    /** The language of the texts and the pages, BCP 47 (`zh-CN`, `zh-TW`): `<html lang>`, feeds. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u, 'must be a BCP 47 tag such as zh-CN')
      .default('zh-CN'),
    /** The terms of the texts and of the editors' notes, outlines and glossary, shown on the about page and in the feeds. */
    licence: z
      .object({
        /** The speeches as published by their speakers or institutions. */
        texts: licence.default({ name: '讲话原文的权利属于讲话人或发布机关，本站收录仅供研究与查考' }),
        /** What the editors wrote: notes, glossary definitions, titles they gave. */
        notes: licence.default({ name: '编者所撰注释与释义，转载请注明出处' }),
      })
      .strict()
      .default({
        texts: { name: '讲话原文的权利属于讲话人或发布机关，本站收录仅供研究与查考' },
        notes: { name: '编者所撰注释与释义，转载请注明出处' },
      }),
    /** How readers reach the editors (corrections, questions): an e-mail address, a page, or both. */
    contact: z
      .object({
        /** An e-mail address. */
        email: z.email({ message: 'must be an e-mail address' }).optional(),
        /** A contact page or issue tracker. */
        url: httpUrl.optional(),
      })
      .strict()
      .refine((c) => c.email || c.url, 'give email, url or both')
      .optional(),
    /**
     * An image beside the short name in the header: a file in `content/` (`logo.svg`; SVG, PNG
     * or WebP, at most 100 KB), shown 1.75rem high.
     */
    logo: z
      .string()
      .regex(/^[A-Za-z0-9_-]+\.(?:svg|png|webp)$/u, 'must be a file name in content/ ending in .svg, .png or .webp')
      .optional(),
  })
  .strict();

/** The site file as read, with `SITE_URL` and `BASE_PATH` applied: `url` is the home page's address (ending in `base`). */
export type Site = Omit<z.infer<typeof siteSchema>, 'shortName' | 'base'> & {
  shortName: string;
  /** The path the site is served under, starting and ending with `/`. */
  base: string;
};
