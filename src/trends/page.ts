/**
 * The trends page in the browser: reads `?terms=`, fetches /glossary/trends.json once, and draws
 * one line per term (colour, dash and marker all differ) with a legend and the numbers as a table.
 * Every node is built with the DOM; names come from the glossary but are only ever text.
 * The form keeps the URL in sync (`?terms=六稳,六保`, one history entry per comparison), and Back
 * and Forward redraw the comparison of their URL.
 */
import {
  chartGeometry,
  MAX_TERMS,
  pickTerms,
  rate,
  requestedNames,
  type Point,
  type TrendsData,
  type TrendTerm,
} from '../lib/trends.ts';
import { href } from '../client/base.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Dash pattern per series (the first solid). */
const DASHES = ['', '8 4', '2 4', '10 4 2 4', '14 3 3 3 3 3'];
const HEIGHT = 240;

type Attrs = Record<string, string | number>;
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: Array<Node | string>) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...kids);
  return e;
}
function html<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: Array<Node | string>) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...kids);
  return e;
}

/** Series i's marker at (x, y): circle, square, triangle, diamond, cross. */
function marker(i: number, x: number, y: number): SVGElement {
  const r = 4;
  const at = (pts: Array<[number, number]>) => pts.map(([dx, dy]) => `${x + dx},${y + dy}`).join(' ');
  switch (i % 5) {
    case 0:
      return svg('circle', { class: 'mark', cx: x, cy: y, r });
    case 1:
      return svg('rect', { class: 'mark', x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case 2:
      return svg('polygon', {
        class: 'mark',
        points: at([
          [0, -r - 1],
          [r + 1, r],
          [-r - 1, r],
        ]),
      });
    case 3:
      return svg('polygon', {
        class: 'mark',
        points: at([
          [0, -r - 1],
          [r + 1, 0],
          [0, r + 1],
          [-r - 1, 0],
        ]),
      });
    default:
      return svg('path', {
        class: 'mark',
        d: `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`,
        'stroke-width': 2.5,
      });
  }
}

const fmt = (v: number) => v.toFixed(2);
const tick = (v: number) =>
  v >= 10 ? v.toFixed(0) : v >= 1 ? String(Number(v.toFixed(1))) : String(Number(v.toFixed(3)));

function chart(data: TrendsData, terms: readonly TrendTerm[], width: number): SVGSVGElement {
  const g = chartGeometry(data, terms, width, HEIGHT);
  const names = terms.map((t) => t.term).join('、');
  const root = svg('svg', {
    class: 'chart',
    width: g.width,
    height: g.height,
    viewBox: `0 0 ${g.width} ${g.height}`,
    role: 'img',
    'aria-label': `${names}逐年每万字频次折线图，数值见下表`,
    'data-ymax': g.yMax,
  });
  const grid = svg('g', { class: 'grid' });
  for (const t of g.yTicks) {
    grid.append(svg('line', { x1: g.left, x2: g.right, y1: t.y, y2: t.y }));
    root.append(svg('text', { x: g.left - 6, y: t.y + 4, 'text-anchor': 'end' }, tick(t.value)));
  }
  const axis = svg('g', { class: 'axis' }, svg('line', { x1: g.left, x2: g.right, y1: g.bottom, y2: g.bottom }));
  for (const t of g.xTicks) {
    axis.append(svg('line', { x1: t.x, x2: t.x, y1: g.bottom, y2: g.bottom + 4 }));
    root.append(svg('text', { x: t.x, y: g.bottom + 18, 'text-anchor': 'middle' }, t.year));
  }
  root.prepend(grid, axis);
  g.lines.forEach((points: Point[], i) => {
    const term = terms[i]!;
    const line = svg('polyline', { points: points.map((p) => `${p.x},${p.y}`).join(' ') });
    if (DASHES[i]) line.setAttribute('stroke-dasharray', DASHES[i]);
    const series = svg('g', { class: `series s${i}`, 'data-slug': term.slug }, line);
    for (const p of points) {
      const m = marker(i, p.x, p.y);
      m.dataset['year'] = p.year;
      m.dataset['rate'] = String(p.rate);
      m.dataset['occurrences'] = String(p.occurrences);
      m.append(svg('title', {}, `${term.term} ${p.year}年：每万字 ${fmt(p.rate)}（${p.occurrences} 次）`));
      series.append(m);
    }
    root.append(series);
  });
  return root;
}

function legend(terms: readonly TrendTerm[]): HTMLUListElement {
  const ul = html('ul', { class: 'legend', 'aria-label': '图例' });
  terms.forEach((t, i) => {
    const sample = svg('svg', { width: 40, height: 14, viewBox: '0 0 40 14', 'aria-hidden': 'true' });
    const line = svg('polyline', { points: '2,7 38,7' });
    if (DASHES[i]) line.setAttribute('stroke-dasharray', DASHES[i]);
    sample.append(line, marker(i, 20, 7));
    ul.append(html('li', { class: `s${i}` }, sample, html('a', { href: href(`/glossary/${t.slug}/`) }, t.term)));
  });
  return ul;
}

function table(data: TrendsData, terms: readonly TrendTerm[]): HTMLElement {
  const head = html('tr', {}, html('th', { scope: 'col' }, '年份'));
  for (const t of terms) head.append(html('th', { scope: 'col' }, t.term));
  const body = html('tbody');
  for (const [year, characters] of Object.entries(data.years)) {
    const row = html('tr', {}, html('th', { scope: 'row' }, year));
    for (const t of terms) {
      const n = t.byYear[year] ?? 0;
      row.append(html('td', {}, `${fmt(rate(n, characters))}（${n}）`));
    }
    body.append(row);
  }
  const tableEl = html(
    'table',
    {},
    html('caption', {}, '每万字频次（括号内为出现次数）'),
    html('thead', {}, head),
    body,
  );
  return html('div', { class: 'table-wrap', role: 'region', 'aria-label': '逐年数值', tabindex: 0 }, tableEl);
}

/** Wire up the page: the form, the URL, Back and Forward, and redraw on resize. */
export function mount(): void {
  const form = document.querySelector<HTMLFormElement>('form.trends-form')!;
  const inputs = [...form.querySelectorAll<HTMLInputElement>('input[name=terms]')];
  const status = document.querySelector<HTMLElement>('.trends-status')!;
  const out = document.querySelector<HTMLElement>('.trends-out')!;
  let data: Promise<TrendsData> | undefined;
  let shown: TrendTerm[] = [];
  let drawnWidth = 0;

  const draw = async (search: string) => {
    data ??= fetch(href('/glossary/trends.json')).then((r) => r.json() as Promise<TrendsData>);
    const d = await data;
    const names = requestedNames(search);
    inputs.forEach((input, i) => (input.value = names[i] ?? ''));
    const { terms, unknown, dropped } = pickTerms(names, d);
    const messages: string[] = [];
    if (unknown.length) messages.push(`术语表中没有：${unknown.join('、')}。请检查写法，或从列表中选择。`);
    if (dropped.length) {
      messages.push(
        `最多比较 ${MAX_TERMS} 个术语，只比较了前 ${MAX_TERMS} 个；未比较：${dropped.map((t) => t.term).join('、')}。`,
      );
    }
    if (terms.length) messages.push(`比较 ${terms.length} 个术语：${terms.map((t) => t.term).join('、')}。`);
    else if (!names.length) messages.push('请输入或选择要比较的术语。');
    status.replaceChildren(...messages.map((m) => html('p', {}, m)));
    shown = terms;
    render(d);
  };
  const render = (d: TrendsData) => {
    drawnWidth = out.clientWidth;
    if (!shown.length) return out.replaceChildren();
    out.replaceChildren(html('figure', {}, chart(d, shown, Math.max(200, drawnWidth)), legend(shown)), table(d, shown));
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const names = inputs.map((i) => i.value.trim()).filter(Boolean);
    const query = names.length ? `?terms=${names.map(encodeURIComponent).join(',')}` : '';
    if (query !== location.search) history.pushState(null, '', `${location.pathname}${query}`);
    void draw(query);
  });
  addEventListener('popstate', () => void draw(location.search));
  new ResizeObserver(() => {
    if (data && out.clientWidth !== drawnWidth) void data.then(render);
  }).observe(out);

  // A form sent without the script (?terms=a&terms=b&terms=) gets the one canonical URL.
  const names = requestedNames(location.search);
  const canonical = names.length ? `?terms=${names.map(encodeURIComponent).join(',')}` : '';
  if (canonical !== location.search) history.replaceState(null, '', `${location.pathname}${canonical}`);
  void draw(location.search);
}
