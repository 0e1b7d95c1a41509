import { css } from './styles.ts';
import { load, search, wordSearch, type SearchOptions, type WordHit } from './engine.ts';

export { search };
import { findRanges, normalize, parseQuery } from './normalize.ts';
import { excerpt, type PageHit, type SectionHit } from './verify.ts';

/**
 * All search code, bundled on its own as /search/ui.js (see src/pages/search/ui.js.ts) and
 * loaded only when the reader reaches for search: focus on a search box, Ctrl/⌘+K, the search
 * page, or arriving from a result to be highlighted.
 */

// Its styles come with it, so a page that never searches never loads them.
document.head.append(Object.assign(document.createElement('style'), { textContent: css }));

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...kids: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) el.setAttribute(k, v);
  el.append(...kids);
  return el;
}

/** Text with the given ranges wrapped in <mark>, built as DOM (speech text is never parsed as HTML). */
function marked(text: string, ranges: ReadonlyArray<[number, number]>): DocumentFragment {
  const f = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of ranges) {
    f.append(text.slice(at, a), h('mark', {}, text.slice(a, b)));
    at = b;
  }
  f.append(text.slice(at));
  return f;
}

const short = (heading: string) => (heading.length > 14 ? `${heading.slice(0, 13)}…` : heading);

function link(page: PageHit, query: string, id?: string): string {
  return `${page.url}?hl=${encodeURIComponent(query)}${id && id !== 'title' ? `#${id}` : ''}`;
}

function section(page: PageHit, s: SectionHit, query: string): HTMLLIElement {
  const ex = excerpt(s);
  const path = s.path.map(short).join(' › ');
  return h(
    'li',
    {},
    h(
      'a',
      { href: link(page, query, s.id) },
      ...(path ? [h('span', { class: 'path' }, path)] : []),
      h('span', { class: 'ex' }, ex.cut[0] ? '…' : '', marked(ex.text, ex.ranges), ex.cut[1] ? '…' : ''),
    ),
  );
}

/**
 * Render results grouped by speech into `list`, and announce the count in `status`. With
 * candidates left unverified, a last item offers to check them (`more`).
 */
export function render(
  list: HTMLElement,
  status: HTMLElement,
  query: string,
  result: { pages: PageHit[]; unverified: number },
  heading: 'h2' | 'h3',
  more: () => void,
) {
  const { pages, unverified } = result;
  const passages = pages.reduce((n, p) => n + p.sections.length, 0);
  const found = `${unverified ? '已' : ''}找到 ${pages.length} 篇讲话，${passages} 处`;
  status.textContent = query.trim()
    ? pages.length || unverified
      ? `${found}${unverified ? `；另有 ${unverified} 篇候选未核对` : ''}`
      : `没有找到“${query.trim()}”`
    : '';
  const button = h('button', { type: 'button', class: 'more' }, `再核对 ${Math.min(10, unverified)} 篇候选`);
  button.addEventListener('click', more);
  list.replaceChildren(
    ...pages.map((p) =>
      h(
        'li',
        { class: 'hit' },
        h(heading, {}, h('a', { href: link(p, query) }, p.title)),
        h(
          'p',
          { class: 'meta' },
          [p.date, p.level && `${p.level}级`, `${p.sections.length} 处`].filter(Boolean).join(' · '),
        ),
        h('ol', {}, ...p.sections.map((s) => section(p, s, query))),
      ),
    ),
    ...(unverified ? [h('li', {}, button)] : []),
  );
}

/** Near matches by word (titles, headings, terms), appended to `list` as their own group. */
async function nearMatches(list: HTMLElement, query: string, heading: 'h2' | 'h3', isCurrent: () => boolean) {
  let hits: WordHit[];
  try {
    hits = await wordSearch(query);
  } catch {
    return;
  }
  if (!isCurrent() || hits.length === 0) return;
  list.append(
    h(
      'li',
      { class: 'near' },
      h(heading, {}, '近似结果：标题、提纲与术语中含有这些词的'),
      h(
        'ol',
        {},
        ...hits.map((w) =>
          h(
            'li',
            {},
            h('a', { href: w.url }, `${w.kind === '术语' ? '术语：' : ''}${w.title}`),
            ...(w.sections.length
              ? [h('ul', {}, ...w.sections.map((s) => h('li', {}, h('a', { href: s.url }, s.title))))]
              : []),
          ),
        ),
      ),
    ),
  );
}

/** Arrow keys move between the input and result links; Enter follows a link natively. */
export function arrowKeys(root: HTMLElement, input: HTMLInputElement) {
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.hits a')];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? at + 1 : at - 1;
    e.preventDefault();
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)]!.focus();
  });
}

/** Run a search, ignoring answers to queries that were superseded while they ran. */
export function searcher(list: HTMLElement, status: HTMLElement, heading: 'h2' | 'h3') {
  let latest = 0;
  const run = async (query: string, options: SearchOptions = {}): Promise<void> => {
    const n = ++latest;
    status.textContent = query.trim() ? '正在搜索…' : '';
    const result = await search(query, options);
    const more = () => void run(query, { ...options, limit: (options.limit ?? 5) + 10 });
    if (n !== latest) return;
    render(list, status, query, result, heading, more);
    // Nothing contains the phrase as typed: offer what comes near it, word by word.
    if (query.trim() && result.pages.length === 0 && result.unverified === 0)
      void nearMatches(list, query, heading, () => n === latest);
  };
  return run;
}

let dialog: HTMLDialogElement | undefined;

/** The Ctrl/⌘+K search dialog, created on first use. */
export function openDialog() {
  if (!dialog) {
    const input = h('input', {
      type: 'search',
      name: 'q',
      autocomplete: 'off',
      placeholder: '搜索讲话原文，如 放管服',
      'aria-label': '搜索',
    });
    const status = h('p', { class: 'status', role: 'status' });
    const list = h('ol', { class: 'hits' });
    const close = h('button', { type: 'button', class: 'close' }, '关闭');
    const form = h('form', { action: '/search/', role: 'search' }, input, close);
    dialog = h('dialog', { class: 'search', 'aria-label': '搜索' }, form, status, list);
    document.body.append(dialog);
    const run = searcher(list, status, 'h3');
    let timer: ReturnType<typeof setTimeout>;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(input.value), 150);
    });
    close.addEventListener('click', () => dialog!.close());
    arrowKeys(dialog, input);
  }
  dialog.showModal();
  dialog.querySelector('input')!.select();
}

/**
 * Arriving from a search result (`?hl=…`): mark every occurrence of the whole query in the text,
 * even where it crosses element boundaries, and bring the linked block into view.
 */
export async function highlight(query: string) {
  const [, t2s] = await load();
  const terms = parseQuery(query, t2s);
  for (const block of document.querySelectorAll<HTMLElement>('article h1, .text > :not(.pn)')) {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const text = nodes.map((n) => n.data).join('');
    const ranges = findRanges(normalize(text, t2s), terms);
    // Wrap from the end so earlier offsets stay valid.
    for (const [start, end] of ranges.reverse()) {
      let offset = 0;
      for (const node of [...nodes]) {
        const a = Math.max(start - offset, 0);
        const b = Math.min(end - offset, node.data.length);
        offset += node.data.length;
        if (a >= b) continue;
        const range = document.createRange();
        range.setStart(node, a);
        range.setEnd(node, b);
        range.surroundContents(Object.assign(document.createElement('mark'), { className: 'hl' }));
      }
    }
  }
  document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

const FILTERS = ['year', 'level', 'occasion', 'theme'];

/**
 * The search page: the query and filters live in the URL (?q=…&year=…), so a search can be
 * shared and bookmarked, and Back returns to the previous one.
 */
export function mountPage(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('input[name=q]')!;
  const sort = form.querySelector<HTMLSelectElement>('select[name=sort]')!;
  const run = searcher(document.querySelector('.hits')!, document.querySelector('.status')!, 'h2');
  const fromUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      el.value = params.get(el.name) ?? '';
    }
    sort.value = params.get('sort') === 'oldest' ? 'oldest' : '';
    const filters = Object.fromEntries(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])));
    void run(params.get('q') ?? '', { filters, sort: sort.value === 'oldest' ? 'oldest' : 'newest' });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (typeof v === 'string' && v) params.set(k, v);
    }
    history.pushState(null, '', `?${params.toString()}`);
    fromUrl();
  });
  form.addEventListener('change', (e) => {
    if ((e.target as Element).matches('select')) form.requestSubmit();
  });
  addEventListener('popstate', fromUrl);
  arrowKeys(document.querySelector('main')!, input);
  fromUrl();
  if (!input.value) input.focus();
}
