import type { ElementContent } from 'hast';
import { toHtmlFast } from './html.ts';
import type { SpeechShared, SpeechText } from '../schemas/generated.ts';
import { searchPath, speechPath } from './format.ts';
import { href } from './href.ts';
import { el, txt, type OtherSpeech } from './render-speech.ts';

/**
 * Where the build puts a reuse page's rows (scripts/build.ts): Astro writes the page with this
 * mark (YANLU_SHARED_ROWS=splice), scripts/shared-rows.ts writes the rows on the other core
 * meanwhile, and the build's last phase puts them in place. Speech text cannot forge it: every
 * `<` of text is escaped.
 */
export const SHARED_ROWS_MARK = '<!--yanlu:shared-rows-->';
/** The rows' file for a speech, under .generated/. */
export const sharedRowsFile = (slug: string) => `shared-rows/${slug}.html`;

/**
 * The rows of a speech's reuse page (/speeches/<slug>/shared/): each block with shared text, cut
 * into runs (plain, shared passage in <mark>, formulation linked to its search), then the other
 * speeches that share it, earliest first. Built as a syntax tree (speech text stays text) and
 * serialised once: at 10,000 speeches, where a page holds thousands of elements, rendering them
 * one Astro expression at a time was most of the build's page time.
 */
export function sharedRowsHtml(
  slug: string,
  blocks: SpeechText['blocks'],
  shared: SpeechShared,
  lookup: (order: number) => OtherSpeech,
): string {
  const passages = new Map(shared.passages.map((p) => [p[0], p]));
  const formulations = new Map<string, Array<[number, number]>>();
  for (const [block, start, end] of shared.formulations) {
    const list = formulations.get(block);
    if (list) list.push([start, end]);
    else formulations.set(block, [[start, end]]);
  }
  const sections: ElementContent[] = [];
  for (const b of blocks) {
    const p = passages.get(b.id);
    const f = formulations.get(b.id);
    if (!p && !f) continue;
    const spans = p?.[1] ?? [];
    const points = [...new Set([0, b.text.length, ...spans.flat(), ...(f ?? []).flat()])].sort((x, y) => x - y);
    const quote: ElementContent[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, z] = [points[i]!, points[i + 1]!];
      const form = f?.find(([fa, fz]) => fa <= a && z <= fz);
      const text = txt(b.text.slice(a, z));
      const inner = form
        ? el('a', { className: ['f'], href: href(searchPath(b.text.slice(form[0], form[1]))) }, [text])
        : text;
      quote.push(spans.some(([sa, sz]) => sa <= a && z <= sz) ? el('mark', {}, [inner]) : inner);
    }
    const children: ElementContent[] = [
      el('h2', { id: `h-${b.id}` }, [
        el('a', { href: href(`${speechPath(slug)}#${b.id}`) }, [
          txt(b.id.startsWith('p') ? `第 ${b.id.slice(1)} 段` : `标题 ${b.id}`),
        ]),
      ]),
      el('blockquote', {}, quote),
    ];
    const count = p?.[2] ?? 0;
    const others = p?.[3] ?? [];
    if (others.length) {
      children.push(
        el('p', {}, [
          txt(`同见于 ${count} 篇，按时间先后${count > others.length ? `（列出最早的 ${others.length} 篇）` : ''}：`),
        ]),
        el(
          'ol',
          {},
          others.map(([order, block]) => {
            const o = lookup(order);
            return el('li', {}, [
              el('a', { href: href(`${speechPath(o.slug)}#${block}`) }, [txt(o.title)]),
              ...(o.year ? [txt(`（${o.year}）`)] : []),
            ]);
          }),
        ),
      );
      if (count > others.length) {
        const longest = spans.reduce<[number, number]>((m, r) => (r[1] - r[0] > m[1] - m[0] ? r : m), [0, 0]);
        children.push(
          el('p', {}, [
            txt(`其余 ${count - others.length} 篇：`),
            el('a', { href: href(searchPath(b.text.slice(longest[0], longest[1]))) }, [txt('在全文中检索这段文字')]),
          ]),
        );
      }
    }
    sections.push(el('section', { id: b.id, ariaLabelledBy: [`h-${b.id}`] }, children));
  }
  if (!sections.length) sections.push(el('p', {}, [txt('本篇没有与其他讲话相同的文字。')]));
  return toHtmlFast(sections);
}
