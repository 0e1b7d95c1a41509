import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import rss from '@astrojs/rss';
import type { SpeechMeta } from '../schemas/generated.ts';
import { isoDate } from './cite.ts';
import { formatDate, speechPath } from './format.ts';
import { site } from './site.ts';

/** The feed of the newest speeches, linked from every page's head. */
export const FEED_PATH = '/feed.xml';
/** Speeches per feed: what a reader catches up on, the same at 10 speeches or 10,000. */
export const FEED_ITEMS = 30;
/** The facets that have a feed of their own (a few values each; years and occasions would be many files for little). */
export const FEED_FACETS = ['level', 'theme'] as const;
/** The feed of one level or theme: `/feeds/level/xian.xml`. */
export const facetFeedPath = (facet: string, slug: string) => `/feeds/${facet}/${slug}.xml`;

/** The site file's logo as served (`/logo.svg`), if it has one: the collection stage copied it into its data. */
export function logoPath(): string | undefined {
  const ext = site().logo?.split('.').pop();
  return ext ? `/logo.${ext}` : undefined;
}

/** A speech's date as a Date (the first of the month or year where only those are known); null when unknown. */
export function speechDate(d: SpeechMeta['date']): Date | null {
  return d.year ? new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1)) : null;
}

/** One feed item: title, date, a summary (date as the page gives it, level, occasion, speaker), absolute link. */
export function feedItem(s: SpeechMeta, absolute: (path: string) => string) {
  const summary = [
    formatDate(s.date),
    s.level ? `${s.level}级` : '',
    ...s.occasions,
    s.speaker ? `${s.speaker.role} ${s.speaker.name}`.trim() : '',
    `${s.counts.characters}字`,
  ].filter(Boolean);
  const date = speechDate(s.date);
  const link = absolute(speechPath(s.slug));
  return {
    title: s.title,
    link,
    ...(date ? { pubDate: date } : {}),
    description: `${summary.join('，')}。`,
    categories: [...(s.level ? [`${s.level}级`] : []), ...s.themes],
  };
}

const xml = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/**
 * A feed of `speeches` (the newest FEED_ITEMS, newest first) as @astrojs/rss writes it: RSS 2.0
 * with absolute links, the site's language and licences, and an atom:link to its own address.
 */
export function feed(title: string, path: string, speeches: readonly SpeechMeta[], absolute: (path: string) => string) {
  const s = site();
  const terms = `原文：${s.licence.texts.name}；注释：${s.licence.notes.name}`;
  return rss({
    title,
    description: s.description,
    site: s.url,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData:
      `<language>${xml(s.language.toLowerCase())}</language><copyright>${xml(terms)}</copyright>` +
      `<atom:link href="${xml(absolute(path))}" rel="self" type="application/rss+xml"/>`,
    items: speeches.slice(0, FEED_ITEMS).map((sp) => feedItem(sp, absolute)),
  });
}

/**
 * The sitemap's view of the collection, for @astrojs/sitemap in astro.config.mjs (read from the
 * collection stage's output, once): each speech page's date as its lastmod, and the pages left
 * out (those that only work with a query, and the per-speech comparison pages, which repeat the text).
 */
export function sitemapOptions(root: string) {
  const file = join(root, '.generated/data/speeches.json');
  let dates: Map<string, string> | undefined;
  const lastmod = () =>
    (dates ??= new Map(
      Object.values(
        existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, SpeechMeta>) : {},
      ).flatMap((s) => (s.date.year ? [[s.slug, isoDate(s.date)] as const] : [])),
    ));
  const speech = /\/speeches\/([^/]+)\/$/u;
  return {
    // Pages only (the JSON and script endpoints are not pages), and none that needs its query or repeats a text.
    filter: (url: string) =>
      url.endsWith('/') &&
      !/\/(?:search|skeletons\/compare|glossary\/trends)\/$|\/speeches\/[^/]+\/shared\/$/u.test(url),
    serialize: <T extends { url: string; lastmod?: string | undefined }>(item: T): T => {
      const slug = speech.exec(item.url)?.[1];
      const date = slug ? lastmod().get(decodeURIComponent(slug)) : undefined;
      return date ? { ...item, lastmod: date } : item;
    },
  };
}
