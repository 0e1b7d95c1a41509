// The compare page in the browser (/compare/?a=<slug>&b=<slug>, issue 14). It fetches the two
// speech pages themselves and reads their blocks with DOMParser (src/client/clean-copy.ts knows
// which elements are the speech's words), their shared.json (formulations, suggested partners) and
// the glossary's names, aligns them (align.ts) and draws the result. Speech text is data: every
// node is built with createElement and textContent, never from HTML.
import type { Change } from 'diff';
import { href } from '../client/base.ts';
import { pageBlocks, type PageBlock } from '../client/clean-copy.ts';
import { align, type Alignment, type Row, type Unit } from './align.ts';
import { absentFormulations, absentTerms, bareText, type Found, type TermUse } from './formulations.ts';
import { numberChanges, numberLines, type NumberLine } from './numbers.ts';

/** What a speech's shared.json holds that this page reads. */
interface Shared {
  formulations: Array<[string, number, number]>;
  compare: Array<[slug: string, title: string, year: number | null, why: 'year' | 'shared' | 'next' | 'kind']>;
}

/** One side of the comparison, read from its page. */
interface Side {
  slug: string;
  title: string;
  date: string;
  year: number | null;
  meta: string[];
  blocks: PageBlock[];
  terms: TermUse[];
  shared: Shared | null;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** A section of the page named by its heading (`<section aria-labelledby>` and its `<h2 id>`). */
function titled(cls: string, title: string): HTMLElement {
  const s = el('section', cls);
  const h = el('h2', undefined, title);
  h.id = `${cls}-h`;
  s.setAttribute('aria-labelledby', h.id);
  s.append(h);
  return s;
}
const link = (to: string, text: string, cls?: string) => Object.assign(el('a', cls, text), { href: to });
/** Text for assistive technology and print only (the screen shows it by other means). */
const hidden = (text: string) => el('span', 'vh', text);

const NAMES = ['甲', '乙'] as const;
const speechHref = (slug: string) => href(`/speeches/${encodeURIComponent(slug)}/`);
export const comparePath = (a: string, b?: string) =>
  href(`/compare/?a=${encodeURIComponent(a)}${b ? `&b=${encodeURIComponent(b)}` : ''}`);

/** A slug from what a reader typed: a slug, or the address (or path) of a speech page. */
export function slugFrom(input: string | null): string {
  const v = (input ?? '').trim();
  const m = /\/speeches\/([^/?#]+)/u.exec(v);
  return m ? decodeURIComponent(m[1]!) : v.replace(/^\/+|\/+$/gu, '');
}

async function fetchOk(url: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(String(r.status));
  return r;
}

/** A speech as its page shows it: title, date, the meta line, blocks and glossary links. */
async function readSide(slug: string): Promise<Side> {
  const [html, shared] = await Promise.all([
    fetchOk(speechHref(slug)).then((r) => r.text()),
    fetchOk(href(`/speeches/${encodeURIComponent(slug)}/shared.json`))
      .then((r) => r.json() as Promise<Shared>)
      .catch(() => null),
  ]);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (!doc.querySelector('article .text')) throw new Error('not a speech page');
  const blocks = pageBlocks(doc);
  const terms: TermUse[] = [];
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('article .text a[href*="/glossary/"]')) {
    const block = a.closest('.text > *');
    if (!block?.id) continue;
    const range = doc.createRange();
    range.setStart(block, 0);
    range.setEndBefore(a);
    const start = range.toString().length;
    const slugOf = a.getAttribute('href')!.split('/').filter(Boolean).pop()!;
    terms.push({
      slug: decodeURIComponent(slugOf),
      text: a.textContent,
      place: { block: block.id, start, end: start + a.textContent.length },
    });
  }
  const date = doc.querySelector('.meta .d')?.textContent ?? '';
  const year = /\d{4}/u.exec(date)?.[0];
  return {
    slug,
    title: doc.querySelector('article h1')?.textContent ?? slug,
    date,
    year: year ? Number(year) : null,
    meta: [...doc.querySelectorAll('.meta span')].map((s) => s.textContent),
    blocks,
    terms,
    shared,
  };
}

/** Everything the page shows, computed from the two sides. */
export interface Comparison {
  al: Alignment;
  numbers: NumberLine[];
  /** Formulations and terms only in B (new) and only in A (dropped). */
  added: Found[];
  dropped: Found[];
  /** Row of each unit, per side. */
  rowOf: [Int32Array, Int32Array];
}

/** Align two speeches' blocks and collect the summary's numbers, formulations and terms. */
export function compare(
  A: Pick<Side, 'blocks' | 'terms' | 'shared'>,
  B: Pick<Side, 'blocks' | 'terms' | 'shared'>,
  names: ReadonlyMap<string, string>,
): Comparison {
  const al = align(A.blocks, B.blocks);
  const rowOf: [Int32Array, Int32Array] = [new Int32Array(al.units[0].length), new Int32Array(al.units[1].length)];
  al.rows.forEach((r, i) => {
    if ('a' in r) rowOf[0][r.a.i] = i;
    if ('b' in r) rowOf[1][r.b.i] = i;
  });
  const textA = bareText(A.blocks);
  const textB = bareText(B.blocks);
  const added = [
    ...absentTerms(B.terms, new Set(A.terms.map((t) => t.slug)), textA, names),
    ...absentFormulations(B.shared?.formulations ?? [], B.blocks, textA),
  ];
  const dropped = [
    ...absentTerms(A.terms, new Set(B.terms.map((t) => t.slug)), textB, names),
    ...absentFormulations(A.shared?.formulations ?? [], A.blocks, textB),
  ];
  return { al, numbers: numberLines(numberChanges(al)), added, dropped, rowOf };
}

/** The row where a place (block, offset) of a side is shown. */
function rowAt(c: Comparison, side: 0 | 1, block: string, offset: number): number {
  const u = c.al.units[side].find((x) => x.block === block && x.start <= offset && offset < x.end);
  return u ? c.rowOf[side][u.i]! : -1;
}

/** A unit's text with its character differences: side 0 shows removals, side 1 additions, 2 both. */
function withParts(parts: readonly Change[], side: 0 | 1 | 2): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const p of parts) {
    if (p.added && side !== 0) {
      const ins = el('ins');
      ins.append(hidden('〔新增：'), p.value, hidden('〕'));
      f.append(ins);
    } else if (p.removed && side !== 1) {
      const del = el('del');
      del.append(hidden('〔删除：'), p.value, hidden('〕'));
      f.append(del);
    } else if (!p.added && !p.removed) f.append(p.value);
  }
  return f;
}

const TAGS: Record<Row['kind'], string> = {
  same: '相同',
  changed: '改动',
  del: '删去',
  ins: '新增',
  out: '移出',
  in: '移入',
};

/** One cell of a row: the side's name (for screen readers and print), then its text. */
function cell(side: 0 | 1 | 2, content: Node | string, u?: Unit): HTMLElement {
  const c = el('div', side === 2 ? 'cp-ab' : side === 0 ? 'cp-a' : 'cp-b');
  if (u?.depth) c.classList.add('cp-h');
  c.append(hidden(side === 2 ? '两篇相同：' : `${NAMES[side]}：`), content);
  return c;
}

/** Where a moved sentence went, or came from: a link to the other row. */
const movedLink = (peer: number, text: string) => link(`#r${peer}`, text, 'cp-moved');

function rowElement(r: Row, n: number): HTMLElement {
  const row = el('div', `cp-row cp-${r.kind}`);
  row.id = `r${n}`;
  const tag = el('span', 'cp-tag', TAGS[r.kind]);
  if (r.kind === 'same') row.append(cell(2, r.a.text, r.a));
  else if (r.kind === 'changed')
    row.append(tag, cell(0, withParts(r.parts, 0), r.a), cell(1, withParts(r.parts, 1), r.b));
  else if (r.kind === 'del') {
    const del = el('del');
    del.append(hidden('〔删除：'), r.a.text, hidden('〕'));
    row.append(tag, cell(0, del, r.a), cell(1, el('span', 'cp-none', '（乙无此句）')));
  } else if (r.kind === 'ins') {
    const ins = el('ins');
    ins.append(hidden('〔新增：'), r.b.text, hidden('〕'));
    row.append(tag, cell(0, el('span', 'cp-none', '（甲无此句）')), cell(1, ins, r.b));
  } else if (r.kind === 'out') {
    const a = cell(0, r.a.text, r.a);
    a.append(' ', movedLink(r.peer, '（乙中移至别处，转到该处）'));
    row.append(tag, a, cell(1, el('span', 'cp-none', '（乙在别处）')));
  } else {
    const b = cell(1, r.parts ? withParts(r.parts, 2) : r.b.text, r.b);
    b.append(' ', movedLink(r.peer, r.parts ? '（自甲别处移来并改动，转到原处）' : '（自甲别处移来，转到原处）'));
    row.append(tag, cell(0, el('span', 'cp-none', '（甲在别处）')), b);
  }
  return row;
}

let folds = 0;
/** Rows of a region; runs of unchanged sentences (never headings) folded behind a button. */
function regionRows(c: Comparison, from: number, to: number): HTMLElement {
  const box = el('div', 'cp-rows');
  let run: HTMLElement[] = [];
  const flush = () => {
    if (!run.length) return;
    const fold = el('div', 'cp-fold');
    const body = el('div', 'cp-folded');
    body.id = `f${++folds}`;
    // Folded as until-found: the browser's find in page still finds (and opens) a folded sentence.
    body.hidden = 'until-found';
    body.addEventListener('beforematch', () => setFold(fold, true));
    body.append(...run);
    const b = el('button');
    b.type = 'button';
    b.setAttribute('aria-expanded', 'false');
    b.setAttribute('aria-controls', body.id);
    b.append(`两篇相同的 ${run.length} 句`, el('span', 'cp-act', '（展开）'));
    b.addEventListener('click', () => setFold(fold, body.hidden !== false));
    fold.append(b, body);
    box.append(fold);
    run = [];
  };
  for (let i = from; i < to; i++) {
    const r = c.al.rows[i]!;
    const row = rowElement(r, i);
    if (r.kind === 'same' && !r.a.depth) run.push(row);
    else {
      flush();
      box.append(row);
    }
  }
  flush();
  return box;
}

/** Open or close a fold. */
function setFold(fold: Element, open: boolean) {
  const b = fold.querySelector(':scope > button')!;
  const body = fold.querySelector<HTMLElement>(':scope > .cp-folded')!;
  body.hidden = open ? false : 'until-found';
  b.setAttribute('aria-expanded', String(open));
  b.querySelector('.cp-act')!.textContent = open ? '（收起）' : '（展开）';
}

/** The heading text of a region's sections on one side, or the opening. */
const sectionNames = (c: Comparison, side: 0 | 1, list: number[]) =>
  list.map((i) => c.al.sections[side][i]!.title || '开头').join('、') || '（无）';

/** The summary: counts, changed numbers, new and dropped formulations. */
function summary(c: Comparison): HTMLElement {
  const s = titled('cp-sum', '概要');
  const count: Record<Row['kind'], number> = { same: 0, changed: 0, del: 0, ins: 0, out: 0, in: 0 };
  for (const r of c.al.rows) count[r.kind]++;
  const p = el(
    'p',
    'cp-counts',
    `甲 ${c.al.units[0].length} 句（含标题），乙 ${c.al.units[1].length} 句：两篇相同 ${count.same} 句，改动 ${count.changed} 句，` +
      `仅见于甲 ${count.del} 句，仅见于乙 ${count.ins} 句，移动 ${count.in} 句。`,
  );
  s.append(p);

  const nh = el('h3', undefined, `数字的变化（${c.numbers.length}）`);
  s.append(nh);
  if (c.numbers.length) {
    const wrap = el('div', 'cp-scroll');
    const table = el('table', 'cp-nums');
    const head = table.createTHead().insertRow();
    for (const t of ['所指', '甲', '乙', '位置']) head.append(Object.assign(el('th', undefined, t), { scope: 'col' }));
    const body = table.createTBody();
    for (const line of c.numbers) {
      const tr = body.insertRow();
      tr.insertCell().textContent = line.label || '—';
      const a = tr.insertCell();
      a.textContent = line.a || '—';
      const b = tr.insertCell();
      b.textContent = line.b || '—';
      const at = tr.insertCell();
      line.rows.slice(0, 10).forEach((row, i) => {
        if (i) at.append(' ');
        const l = link(`#r${row}`, line.rows.length > 1 ? `第${i + 1}处` : '查看');
        at.append(l);
      });
      if (line.rows.length > 10) at.append(` 等 ${line.rows.length} 处`);
    }
    wrap.append(table);
    s.append(wrap);
  } else s.append(el('p', undefined, '改动的句子中没有数字变化。'));

  const list = (title: string, items: Found[], side: 0 | 1) => {
    s.append(el('h3', undefined, `${title}（${items.length}）`));
    if (!items.length) {
      s.append(el('p', undefined, '无。'));
      return;
    }
    const render = (xs: Found[]) => {
      const ul = el('ul', 'cp-fm');
      for (const f of xs) {
        const li = el('li');
        const row = rowAt(c, side, f.place.block, f.place.start);
        li.append(row >= 0 ? link(`#r${row}`, f.text) : f.text);
        if (f.slug) li.append(' ', link(href(`/glossary/${f.slug}/`), '术语', 'cp-term'));
        ul.append(li);
      }
      return ul;
    };
    const SHOWN = 30;
    s.append(render(items.slice(0, SHOWN)));
    if (items.length > SHOWN) {
      const more = el('details');
      more.append(el('summary', undefined, `其余 ${items.length - SHOWN} 条`), render(items.slice(SHOWN)));
      s.append(more);
    }
  };
  list('新出现的提法和术语：乙有，甲无', c.added, 1);
  list('不再出现的提法和术语：甲有，乙无', c.dropped, 0);
  return s;
}

/** The two outlines side by side, a row per region (matched sections), each heading linked to its row. */
function outlines(c: Comparison): HTMLElement {
  const s = titled('cp-toc', '提纲对照');
  const ol = el('ol', 'cp-pairs');
  c.al.regions.forEach((g, k) => {
    const li = el('li');
    for (const side of [0, 1] as const) {
      const col = el('div', side ? 'cp-b' : 'cp-a');
      col.append(hidden(`${NAMES[side]}：`));
      const heads = c.al.units[side].filter((u) => u.depth && (side ? g.b : g.a).includes(u.section));
      if (!heads.length) col.append(el('span', 'cp-none', (side ? g.b : g.a).length ? '（开头）' : '（无对应部分）'));
      const list = el('ul');
      for (const u of heads) {
        const item = el('li');
        item.style.setProperty('--d', String(u.depth - 1));
        item.append(link(`#r${c.rowOf[side][u.i]}`, u.text));
        list.append(item);
      }
      if (heads.length) col.append(list);
      li.append(col);
    }
    li.append(link(`#c${k}`, '对照', 'cp-go'));
    ol.append(li);
  });
  s.append(ol);
  return s;
}

/** Every region: its sections' names, then its rows. */
function diffs(c: Comparison): HTMLElement {
  const s = titled('cp-diff', '逐句对照');
  const legend = el('p', 'cp-legend');
  const del = el('del', undefined, '删去的文字');
  const ins = el('ins', undefined, '新增的文字');
  legend.append('左为甲，右为乙（窄屏上下排列）。', del, '，', ins, '；相同的句子折叠，按钮展开。');
  s.append(legend);
  c.al.regions.forEach((g, k) => {
    const r = el('section', 'cp-region');
    r.id = `c${k}`;
    const rh = el('h3');
    rh.id = `c${k}-h`;
    // Numbered, so that two parts with the same headings are still two names.
    rh.append(
      hidden(`第${k + 1}组，甲：`),
      sectionNames(c, 0, g.a),
      el('span', 'cp-vs', ' ⇄ '),
      hidden('乙：'),
      sectionNames(c, 1, g.b),
    );
    r.setAttribute('aria-labelledby', rh.id);
    r.append(rh, regionRows(c, g.from, g.to));
    s.append(r);
  });
  return s;
}

/** Make sure the element the address points to is shown (its fold opened), and go there. */
function reveal(id: string, scroll: boolean) {
  const target = id && document.getElementById(id);
  if (!target) return;
  const fold = target.closest('.cp-fold');
  if (fold) setFold(fold, true);
  if (scroll) target.scrollIntoView();
}

/** The address comparing two speeches, the older first (甲) when their years say which. */
function ordered(x: string, xYear: number | null, y: string, yYear: number | null): string {
  return xYear !== null && yYear !== null && yYear < xYear ? comparePath(y, x) : comparePath(x, y);
}

/** The two speeches, tools, and other speeches the reader's speech could be compared with. */
function header(A: Side, B: Side, own: Side): HTMLElement {
  const box = el('div', 'cp-head');
  const sides = el('ul', 'cp-sides');
  for (const [k, s] of [A, B].entries()) {
    const li = el('li');
    li.append(el('span', 'cp-name', NAMES[k]), link(speechHref(s.slug), s.title));
    li.append(el('span', 'cp-meta', s.meta.join(' · ')));
    sides.append(li);
  }
  const tools = el('p', 'cp-tools');
  tools.append(
    link(comparePath(B.slug, A.slug), '交换甲乙'),
    link(href(`/skeletons/compare/?s=${encodeURIComponent(A.slug)},${encodeURIComponent(B.slug)}`), '只看提纲'),
  );
  for (const [label, open] of [
    ['全部展开', true],
    ['全部折叠', false],
  ] as const) {
    const b = el('button', undefined, label);
    b.type = 'button';
    b.addEventListener('click', () => document.querySelectorAll('.cp-fold').forEach((f) => setFold(f, open)));
    tools.append(b);
  }
  box.append(sides, tools);
  const more = (own.shared?.compare ?? []).filter(([slug]) => slug !== A.slug && slug !== B.slug);
  if (more.length) {
    const p = el('p', 'cp-others', `《${own.title}》也可比较：`);
    const why = { year: '上一年同类', next: '下一年同类', kind: '同类', shared: '共用文字多' };
    more.forEach(([slug, title, year, w], i) => {
      if (i) p.append('；');
      p.append(link(ordered(own.slug, own.year, slug, year), `${title}${year ? `（${year}）` : ''}`), `〔${why[w]}〕`);
    });
    box.append(p);
  }
  return box;
}

/** The page: read ?a= and ?b=, pick a partner when b is missing, fetch, align, draw. */
export async function mountComparePage(root: HTMLElement) {
  const status = root.querySelector<HTMLElement>('.cp-status')!;
  const out = root.querySelector<HTMLElement>('.cp-out')!;
  const form = root.querySelector<HTMLFormElement>('form')!;
  root.querySelector<HTMLElement>('.nojs')!.hidden = true;
  const q = new URLSearchParams(location.search);
  let a = slugFrom(q.get('a'));
  let b = slugFrom(q.get('b'));
  if (!a && b) [a, b] = [b, ''];
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  input('a').value = a;
  input('b').value = b;
  if (!a) {
    status.textContent = '请填写两篇讲话（网址或编号），或在任一讲话页底部点“比较”。';
    return;
  }
  status.textContent = '正在读取讲话……';
  const read = (slug: string) =>
    readSide(slug).catch(() => {
      status.textContent = `没有找到讲话：${slug}。`;
      return null;
    });
  const own = await read(a);
  if (!own) return;
  if (!b) {
    // The partner its shared.json suggests first; the older speech first (甲), so 新增 is new in the newer one.
    const pick = own.shared?.compare[0];
    if (!pick) {
      status.textContent = `没有为《${own.title}》找到可比较的讲话：请在上面填写另一篇。`;
      return;
    }
    const older =
      pick[3] === 'year' || pick[3] === 'kind' || (pick[2] !== null && own.year !== null && pick[2] < own.year);
    [a, b] = older ? [pick[0], a] : [a, pick[0]];
    history.replaceState(history.state, '', comparePath(a, b) + location.hash);
    input('a').value = a;
    input('b').value = b;
  }
  const other = await read(a === own.slug ? b : a);
  if (!other) return;
  const [A, B] = a === own.slug ? [own, other] : [other, own];
  const names = await fetchOk(href('/glossary/terms.json'))
    .then((r) => r.json() as Promise<Record<string, [string, string, string]>>)
    .then((t) => new Map(Object.entries(t).map(([slug, [term]]) => [slug, term])))
    .catch(() => new Map<string, string>());
  const t0 = performance.now();
  const c = compare(A, B, names);
  const ms = performance.now() - t0;
  root.dataset['ms'] = ms.toFixed(1);
  out.replaceChildren(header(A, B, own), summary(c), outlines(c), diffs(c));
  document.title = `比较：${A.title}（${A.year ?? '年份不详'}） / ${B.title}（${B.year ?? '年份不详'}）${document.title.replace(/^[^·]*/u, ' ')}`;
  status.textContent = `已比较《${A.title}》与《${B.title}》（对齐用时 ${Math.round(ms)} 毫秒）。`;
  reveal(decodeURIComponent(location.hash.slice(1)), true);
  addEventListener('hashchange', () => reveal(decodeURIComponent(location.hash.slice(1)), true));
  // A link to a folded row opens its fold before the browser scrolls there.
  out.addEventListener('click', (e) => {
    const l = (e.target as Element).closest?.<HTMLAnchorElement>('a[href^="#"]');
    if (l) reveal(decodeURIComponent(l.hash.slice(1)), false);
  });
}
