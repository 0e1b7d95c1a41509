import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent } from 'hast';
import type { Speech } from '../schemas/speech.ts';

/**
 * Pagefind ranks words in the collection's finding aids: each speech's title and headings (so a
 * result links to its section), with the facets as filters. The full text is searched exactly by
 * the candidate index (search-index.ts); these records stay small, so Pagefind's memory does not
 * grow with the length of the speeches. Written as minimal HTML pages under `dir`, at the URL
 * path of the speech, for Pagefind's `addDirectory`.
 */
export function writeSpeechRecord(dir: string, s: Speech): void {
  const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
    type: 'element',
    tagName,
    properties,
    children,
  });
  const filter = (name: string, value: string) =>
    el('meta', { dataPagefindFilter: `${name}[content]`, content: value });
  const filters = [
    ...(s.date.year ? [filter('year', String(s.date.year))] : []),
    ...(s.level ? [filter('level', s.level)] : []),
    ...s.occasions.map((o) => filter('occasion', o)),
    ...s.themes.map((t) => filter('theme', t)),
  ];
  const body = el('main', { dataPagefindBody: '' }, [
    el('h1', {}, [{ type: 'text', value: s.title }]),
    ...s.outline.map((o) =>
      el(`h${Math.min(o.depth + 1, 6)}`, { id: o.id }, [{ type: 'text', value: `${o.marker}${o.title}` }]),
    ),
  ]);
  const html = toHtml({
    type: 'root',
    children: [
      { type: 'doctype' },
      el('html', { lang: 'zh-CN' }, [
        el('head', {}, [el('title', {}, [{ type: 'text', value: s.title }]), ...filters]),
        el('body', {}, [body]),
      ]),
    ],
  });
  const out = join(dir, 'speeches', s.slug);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), html);
}
