import { css } from './styles.ts';
import { wrapText } from '../client/wrap.ts';
import {
  browse,
  load,
  search,
  searchFormulations,
  searchGlossary,
  searchNotes,
  wordSearch,
  type FormulationHit,
  type SearchOptions,
  type SearchResult,
  type WordHit,
} from './engine.ts';

export { browse, search, searchFormulations, searchGlossary, searchNotes, wordSearch };
import { findRanges, normalize, parseQuery } from './normalize.ts';
import { excerpt, type PageHit, type SectionHit } from './verify.ts';
import { href } from '../client/base.ts';

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

/** Where a passage is, above its excerpt: the headings over it, or a note's number, kind and quote. */
function where(s: SectionHit): string {
  if (s.note) return `注 ${s.id.slice(5)} · ${s.note.kind} · “${short(s.note.quote)}”`;
  return s.path.map(short).join(' › ');
}

function section(href: string, s: SectionHit): HTMLLIElement {
  const ex = excerpt(s);
  const path = where(s);
  return h(
    'li',
    {},
    h(
      'a',
      { href },
      ...(path ? [h('span', { class: 'path' }, path)] : []),
      h('span', { class: 'ex' }, ex.cut[0] ? '…' : '', marked(ex.text, ex.ranges), ex.cut[1] ? '…' : ''),
    ),
  );
}

type Heading = 'h2' | 'h3' | 'h4';
const deeper = (h: Heading): Heading => (h === 'h2' ? 'h3' : 'h4');

/** One speech: its title (linked), date and level, and the passages (or notes) that match. */
function speechHit(p: PageHit, query: string, heading: Heading, notes = false): HTMLLIElement {
  const count = notes ? `${p.sections.length} 条注释` : `${p.sections.length} 段`;
  return h(
    'li',
    { class: 'hit' },
    h(heading, {}, h('a', { href: notes || !query.trim() ? p.url : link(p, query) }, p.title)),
    h(
      'p',
      { class: 'meta' },
      [p.date, p.level && `${p.level}级`, p.sections.length ? count : ''].filter(Boolean).join(' · '),
    ),
    ...(p.sections.length
      ? [h('ol', {}, ...p.sections.map((s) => section(notes ? `${p.url}#${s.id}` : link(p, query, s.id), s)))]
      : []),
  );
}

/** One glossary term: its name (marked where it matches), the alias or definition that matches. */
function termHit(p: PageHit, heading: Heading): HTMLLIElement {
  const name = p.sections.find((s) => s.id === 'term');
  const rest = p.sections.filter((s) => s.id !== 'term');
  return h(
    'li',
    { class: 'hit' },
    h(heading, {}, h('a', { href: p.url }, name ? marked(p.title, name.ranges) : p.title)),
    ...(rest.length
      ? [
          h(
            'ol',
            {},
            ...rest.map((s) => section(p.url, s.id === 'alias' ? { ...s, path: ['又作'] } : { ...s, path: ['释义'] })),
          ),
        ]
      : []),
  );
}

/** One formulation: its text (marked where it matches), linked to the search for its every use. */
function formulationHit(f: FormulationHit): HTMLLIElement {
  return h(
    'li',
    { class: 'hit' },
    h('a', { href: href(`/search/?q=${encodeURIComponent(f.text)}`) }, marked(f.text, f.ranges)),
    h('span', { class: 'meta' }, ` · ${f.speeches} 篇讲话用过`),
  );
}

function button(label: string, onClick: () => void, className = 'more'): HTMLLIElement {
  const b = h('button', { type: 'button', class: className }, label);
  b.addEventListener('click', onClick);
  return h('li', { class: className }, b);
}

/** A result group after the speeches (注释, 术语), with its own heading. */
function group(className: string, title: string, heading: Heading, items: HTMLLIElement[]): HTMLLIElement {
  return h('li', { class: `group ${className}` }, h(heading, {}, title), h('ol', {}, ...items));
}

const passagesOf = (pages: readonly PageHit[]) => pages.reduce((n, p) => n + p.sections.length, 0);

/** What a run of the searcher shows: the query's results, or a filter's list. */
export interface RunOptions extends SearchOptions {
  /** Notes documents to verify at least (再核对 in the notes group). */
  noteCheck?: number | undefined;
  /** Speeches listed for a filter without a query. */
  count?: number | undefined;
  /** Formulations listed at most (列出更多提法 adds to it). */
  formulations?: number | undefined;
}

export interface SearcherOptions {
  /** Speeches (and notes documents) to verify before stopping (default 5). */
  limit?: number;
  /** Candidates each 再核对 verifies, and speeches each 再列出 adds (default 10 and 20). */
  step?: number;
  page?: number;
  /** Clears the filters (the search page's form): offered when they cause an empty result. */
  clearFilters?: (() => void) | undefined;
  /** Called after every run has rendered, with what it showed. */
  rendered?: (query: string, options: RunOptions) => void;
}

const hasFilters = (o: RunOptions) => Object.values(o.filters ?? {}).some(Boolean);

/**
 * Render results grouped by speech into `list`, then the notes and the glossary terms that
 * match as groups of their own, and announce the counts in `status`. Where candidates are left
 * unverified, a button verifies the next `step` of them, and the status says how many are left.
 */
export function render(
  list: HTMLElement,
  status: HTMLElement,
  query: string,
  results: {
    speeches: SearchResult;
    notes?: SearchResult | undefined;
    terms?: PageHit[];
    formulations?: { hits: FormulationHit[]; more: boolean } | undefined;
    unfiltered?: SearchResult | undefined;
  },
  heading: 'h2' | 'h3',
  more: {
    speeches: () => void;
    notes?: () => void;
    formulations?: () => void;
    clearFilters?: (() => void) | undefined;
  },
  step = 10,
) {
  const q = query.trim();
  const { speeches, notes, terms = [], formulations, unfiltered } = results;
  const forms = formulations?.hits ?? [];
  const noteCount = notes ? passagesOf(notes.pages) : 0;
  const items: HTMLLIElement[] = [];
  const parts: string[] = [];
  if (speeches.pages.length || speeches.unverified) {
    parts.push(`找到 ${speeches.pages.length} 篇讲话，${passagesOf(speeches.pages)} 段`);
    if (speeches.unverified) {
      parts.push(`已核对 ${speeches.checked} 篇候选，另有 ${speeches.unverified} 篇候选未核对`);
    }
  } else if (unfiltered && (unfiltered.pages.length || unfiltered.unverified)) {
    const n = unfiltered.pages.length;
    parts.push(`“${q}”在所选筛选条件下没有结果；不加筛选${unfiltered.unverified ? '至少' : ''}有 ${n} 篇`);
  } else if (noteCount || terms.length || forms.length) {
    parts.push(`讲话原文中没有找到“${q}”`);
  } else if (q) {
    parts.push(`没有找到“${q}”`);
  }
  if (noteCount || notes?.unverified) {
    parts.push(`注释 ${noteCount} 条${notes!.unverified ? `（另有 ${notes!.unverified} 篇讲话的注释未核对）` : ''}`);
  }
  if (terms.length) parts.push(`术语 ${terms.length} 条`);
  if (forms.length) parts.push(`常见提法 ${forms.length}${formulations!.more ? '+' : ''} 条`);
  status.textContent = q ? parts.join('；') : '';

  items.push(...speeches.pages.map((p) => speechHit(p, query, heading)));
  const left = (r: SearchResult) => Math.min(step, r.unverified);
  if (speeches.unverified) {
    const n = left(speeches);
    items.push(button(n < speeches.unverified ? `再核对 ${n} 篇候选` : `核对其余 ${n} 篇候选`, more.speeches));
  }
  if (unfiltered && more.clearFilters) items.push(button('清除筛选', more.clearFilters, 'clear'));
  if (notes && (notes.pages.length || notes.unverified)) {
    const sub = deeper(heading);
    const noteItems = notes.pages.map((p) => speechHit(p, query, sub, true));
    if (notes.unverified && more.notes) {
      const n = left(notes);
      noteItems.push(
        button(n < notes.unverified ? `再核对 ${n} 篇讲话的注释` : `核对其余 ${n} 篇讲话的注释`, more.notes),
      );
    }
    items.push(group('notes', '注释', heading, noteItems));
  }
  if (terms.length)
    items.push(
      group(
        'terms',
        '术语',
        heading,
        terms.map((t) => termHit(t, deeper(heading))),
      ),
    );
  if (forms.length) {
    const formItems = forms.map(formulationHit);
    if (formulations!.more && more.formulations) formItems.push(button('列出更多提法', more.formulations));
    items.push(group('formulations', '常见提法（至少 3 篇讲话用过）', heading, formItems));
  }
  list.replaceChildren(...items);
}

/** A filter's list without a query: the speeches that have the filters' values, `count` at a time. */
function renderListing(
  list: HTMLElement,
  status: HTMLElement,
  listing: { pages: PageHit[]; total: number },
  options: RunOptions,
  heading: 'h2' | 'h3',
  more: { list: () => void; clearFilters?: (() => void) | undefined },
  page: number,
) {
  const { pages, total } = listing;
  const order = options.sort === 'oldest' ? '由远及近' : '由近及远';
  status.textContent = total
    ? `所选筛选条件下共 ${total} 篇讲话，按时间${order}${pages.length < total ? `，列出前 ${pages.length} 篇` : ''}`
    : '所选筛选条件下没有讲话';
  const items = pages.map((p) => speechHit(p, '', heading));
  if (pages.length < total) items.push(button(`再列出 ${Math.min(page, total - pages.length)} 篇`, more.list));
  if (!total && more.clearFilters) items.push(button('清除筛选', more.clearFilters, 'clear'));
  list.replaceChildren(...items);
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

/**
 * Run a search (or, with filters and no query, list), ignoring answers to queries that were
 * superseded while they ran.
 */
export function searcher(list: HTMLElement, status: HTMLElement, heading: 'h2' | 'h3', opts: SearcherOptions = {}) {
  const { limit = 5, step = 10, page = 20, clearFilters, rendered } = opts;
  let latest = 0;
  const run = async (query: string, options: RunOptions = {}): Promise<void> => {
    const n = ++latest;
    const q = query.trim();
    const filtered = hasFilters(options);
    const done = () => rendered?.(query, options);
    if (!q && !filtered) {
      status.textContent = '';
      list.replaceChildren();
      done();
      return;
    }
    status.textContent = q ? '正在搜索…' : '正在列出…';
    if (!q) {
      const count = options.count ?? page;
      const listing = await browse(options.filters!, { sort: options.sort, count });
      if (n !== latest) return;
      renderListing(
        list,
        status,
        listing,
        options,
        heading,
        { list: () => void run(query, { ...options, count: count + page }), clearFilters },
        page,
      );
      done();
      return;
    }
    const base = { filters: options.filters, sort: options.sort, limit };
    const formLimit = options.formulations ?? limit * 2;
    const [speeches, notes, terms, formulations] = await Promise.all([
      search(query, { ...base, check: options.check }),
      searchNotes(query, { ...base, check: options.noteCheck }).catch(() => undefined),
      // The glossary has no year, level, occasion or theme: a filtered search leaves it out.
      filtered ? [] : searchGlossary(query).catch(() => []),
      // Formulations are counted over the whole collection: a filtered search leaves them out.
      filtered ? undefined : searchFormulations(query, formLimit).catch(() => undefined),
    ]);
    const empty = (r?: SearchResult) => !r || (r.pages.length === 0 && r.unverified === 0);
    // Nothing under the filters: would the query find anything without them?
    const unfiltered =
      filtered && empty(speeches) && empty(notes) ? await search(query, { sort: options.sort, limit }) : undefined;
    if (n !== latest) return;
    render(
      list,
      status,
      query,
      { speeches, notes, terms, formulations, unfiltered },
      heading,
      {
        speeches: () => void run(query, { ...options, check: speeches.checked + step }),
        notes: () => void run(query, { ...options, noteCheck: (notes?.checked ?? 0) + step }),
        formulations: () => void run(query, { ...options, formulations: formLimit + step * 2 }),
        clearFilters,
      },
      step,
    );
    done();
    // Nothing contains the phrase as typed: offer what comes near it, word by word.
    if (empty(speeches) && empty(notes) && terms.length === 0 && !formulations?.hits.length && empty(unfiltered))
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
    const form = h('form', { action: href('/search/'), role: 'search', 'aria-label': '快速搜索' }, input, close);
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
    const ranges = findRanges(normalize(block.textContent ?? '', t2s), terms);
    for (const [start, end] of ranges)
      wrapText(block, start, end, () => Object.assign(document.createElement('mark'), { className: 'hl' }));
  }
  document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

const FILTERS = ['year', 'level', 'occasion', 'theme'];

/** What the search page keeps per URL in sessionStorage: where it was scrolled, how far it was expanded. */
interface Kept {
  y: number;
  check?: number | undefined;
  noteCheck?: number | undefined;
  count?: number | undefined;
}
const keptKey = () => `yanlu:search:${location.pathname}${location.search}`;

function keep(key: string, kept: Kept) {
  try {
    sessionStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // Storage full or refused: Back then starts at the top, as without this.
  }
}

function kept(): Kept | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(keptKey()) ?? 'null') as Kept | null;
    return v && typeof v.y === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The search page: the query and filters live in the URL (?q=…&year=…), so a search can be
 * shared and bookmarked, and Back returns to the previous one. Results render after the page
 * has loaded, later than the browser restores a scroll position, so the page keeps its own per
 * URL (sessionStorage): Back from a result returns to the same place in the same results.
 */
export function mountPage(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('input[name=q]')!;
  const sort = form.querySelector<HTMLSelectElement>('select[name=sort]')!;
  history.scrollRestoration = 'manual';
  // What is shown (query options and how far it is expanded), and whether it is still coming.
  let shown: RunOptions = {};
  let settled = false;
  let restore: Kept | undefined;
  const save = (key = keptKey()) => {
    if (settled) keep(key, { y: scrollY, check: shown.check, noteCheck: shown.noteCheck, count: shown.count });
  };
  const clearFilters = () => {
    for (const f of FILTERS) {
      const el = form.elements.namedItem(f);
      if (el instanceof HTMLSelectElement) el.value = '';
    }
    form.requestSubmit();
  };
  const run = searcher(document.querySelector('.hits')!, document.querySelector('.status')!, 'h2', {
    clearFilters,
    rendered: (_query, options) => {
      shown = options;
      if (restore) scrollTo(0, restore.y);
      restore = undefined;
      settled = true;
    },
  });
  const fromUrl = () => {
    settled = false;
    const params = new URLSearchParams(location.search);
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      el.value = params.get(el.name) ?? '';
    }
    sort.value = params.get('sort') === 'oldest' ? 'oldest' : '';
    const filters = Object.fromEntries(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])));
    restore = kept();
    void run(params.get('q') ?? '', {
      filters,
      sort: sort.value === 'oldest' ? 'oldest' : 'newest',
      check: restore?.check,
      noteCheck: restore?.noteCheck,
      count: restore?.count,
    });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (typeof v === 'string' && v) params.set(k, v);
    }
    history.pushState(null, '', `?${params.toString()}`);
    scrollTo(0, 0);
    fromUrl();
  });
  form.addEventListener('change', (e) => {
    if ((e.target as Element).matches('select')) form.requestSubmit();
  });
  // Kept as the reader scrolls (the key read now: by the time a frame runs, Back may have
  // changed the URL), and when the page is left.
  let pending = false;
  addEventListener('scroll', () => {
    if (pending || !settled) return;
    pending = true;
    const key = keptKey();
    requestAnimationFrame(() => {
      pending = false;
      if (key === keptKey()) save(key);
    });
  });
  addEventListener('pagehide', () => save());
  addEventListener('popstate', fromUrl);
  arrowKeys(document.querySelector('main')!, input);
  fromUrl();
  if (!input.value) input.focus();
}
