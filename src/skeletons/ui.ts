// Skeleton pages in the browser: choosing outlines to compare (kept across the listing's pages),
// copying an outline as a template, and the compare page itself. Speech text is data: every node
// is built with createElement and textContent, never from HTML.
import {
  comparePath,
  fromRows,
  MAX_COMPARED,
  outlineFilePath,
  requestedSlugs,
  templateOf,
  type OutlineFile,
} from '../lib/skeleton.ts';
import { href } from '../client/base.ts';
import { outlineTree, type OutlineNode } from '../pipeline/outline.ts';

const KEY = 'yanlu:skeletons:compare';
const HINT = '勾选两到三篇，再点“对比所选提纲”。';

function stored(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_COMPARED) : [];
  } catch {
    return [];
  }
}
function store(list: readonly string[]) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage off (private mode): the choice lasts for this page only.
  }
}

const cache = new Map<string, Promise<OutlineFile>>();
/** One speech's outline file, fetched once per page. */
function outlineFile(slug: string): Promise<OutlineFile> {
  let p = cache.get(slug);
  if (!p) {
    p = fetch(href(outlineFilePath(slug))).then((r) =>
      r.ok ? (r.json() as Promise<OutlineFile>) : Promise.reject(new Error(`${r.status}`)),
    );
    p.catch(() => cache.delete(slug));
    cache.set(slug, p);
  }
  return p;
}

/**
 * Put plain text on the clipboard. A text still being fetched goes in a ClipboardItem that holds
 * its promise, so the click's user activation is not spent waiting for the network.
 */
async function copyText(text: string | Promise<string>): Promise<void> {
  if (typeof text !== 'string' && typeof ClipboardItem === 'function') {
    const blob = text.then((t) => new Blob([t], { type: 'text/plain' }));
    try {
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return;
    } catch {
      // Fall through to writeText (a browser without promised clipboard items).
    }
  }
  await navigator.clipboard.writeText(await text);
}

/** Show a result on a button for a moment (its name stays for screen readers via the status). */
function flash(button: HTMLButtonElement, label: string) {
  const was = button.dataset['label'] ?? button.textContent;
  button.dataset['label'] = was;
  button.textContent = label;
  setTimeout(() => (button.textContent = was), 2000);
}

/** The listing (/skeletons/…): choose outlines across pages, copy templates. */
export function mountList(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>('.sk-status')!;
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox][name=s]')];
  const bar = form.querySelector<HTMLElement>('.sk-bar')!;
  let chosen = stored();
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.textContent = '清空所选';
  clear.hidden = true;
  bar.insertBefore(clear, status);
  const describe = () =>
    chosen.length === 0
      ? HINT
      : `已选 ${chosen.length} 篇（最多 ${MAX_COMPARED} 篇，可在各页勾选）${chosen.length < 2 ? '，再选至少一篇' : ''}。`;
  const sync = () => {
    chosen = stored();
    for (const b of boxes) b.checked = chosen.includes(b.value);
    clear.hidden = chosen.length === 0;
    status.textContent = describe();
  };
  sync();
  addEventListener('pageshow', sync);
  form.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    if (!boxes.includes(box)) return;
    chosen = stored();
    if (box.checked && !chosen.includes(box.value)) {
      if (chosen.length >= MAX_COMPARED) {
        box.checked = false;
        status.textContent = `最多对比 ${MAX_COMPARED} 篇：请先取消一篇。`;
        return;
      }
      chosen.push(box.value);
    } else if (!box.checked) chosen = chosen.filter((s) => s !== box.value);
    store(chosen);
    clear.hidden = chosen.length === 0;
    status.textContent = describe();
  });
  clear.addEventListener('click', () => {
    store([]);
    sync();
    boxes[0]?.focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (chosen.length < 2) status.textContent = `请至少选两篇（已选 ${chosen.length} 篇）。`;
    else location.assign(href(comparePath(chosen)));
  });
  for (const button of form.querySelectorAll<HTMLButtonElement>('.sk-copy')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const entry = button.closest<HTMLElement>('.sk')!;
      const title = entry.querySelector('h3')!.textContent.trim();
      const file = outlineFile(entry.dataset['slug']!);
      const text = file.then((f) => templateOf(fromRows(f.outline)));
      copyText(text).then(
        () =>
          void file.then((f) => {
            status.textContent = `已复制《${title}》的提纲模板，共 ${f.outline.length} 行。`;
            flash(button, '已复制');
          }),
        () => (status.textContent = `未能复制《${title}》的提纲：浏览器不允许写入剪贴板。`),
      );
    });
  }
}

/** Nested lists of headings linking into the speech, as the listing renders them. */
function outlineList(nodes: readonly OutlineNode[], page: string): HTMLOListElement {
  const ol = document.createElement('ol');
  for (const n of nodes) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `${page}#${n.id}`;
    a.textContent = n.marker + n.title;
    li.append(a);
    if (n.children.length) li.append(outlineList(n.children, page));
    ol.append(li);
  }
  return ol;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

/** The compare page: the outlines asked for in ?s=, side by side. */
export async function mountCompare(root: HTMLElement) {
  const status = root.querySelector<HTMLElement>('.cmp-status')!;
  const cols = root.querySelector<HTMLElement>('.cmp-cols')!;
  root.querySelector<HTMLElement>('.nojs')!.hidden = true;
  const asked = requestedSlugs(location.search);
  const slugs = asked.slice(0, MAX_COMPARED);
  // One shareable form of the address, whatever was typed or submitted (s=a&s=b → s=a,b).
  if (slugs.length && location.search !== `?s=${slugs.join(',')}`)
    history.replaceState(history.state, '', href(comparePath(slugs)) + location.hash);
  const notes: string[] = [];
  if (asked.length > MAX_COMPARED) notes.push(`最多并排 ${MAX_COMPARED} 篇，只显示前 ${MAX_COMPARED} 篇。`);
  if (slugs.length === 0) {
    status.textContent = '还没有选择讲话：请到提纲页勾选两到三篇。';
    return;
  }
  const files = await Promise.all(
    slugs.map((s) =>
      outlineFile(s).then(
        (f) => f,
        () => null,
      ),
    ),
  );
  const found = files.filter((f): f is OutlineFile => f !== null);
  const missing = slugs.filter((_, i) => !files[i]);
  if (missing.length) notes.push(`没有找到：${missing.join('、')}。`);
  if (found.length === 1) notes.push('再选一篇才能对比。');
  cols.style.setProperty('--n', String(Math.max(found.length, 1)));
  for (const f of found) {
    const page = href(`/speeches/${f.slug}/`);
    const col = el('section', undefined, 'cmp-col');
    const h = el('h2');
    h.id = `c-${f.slug}`;
    const a = el('a', f.title);
    a.href = page;
    h.append(a);
    const meta = el('p', undefined, 'meta');
    for (const t of [f.date, f.level && `${f.level}级`, f.summary]) if (t) meta.append(el('span', t));
    // Named by title and date: two years' 政府工作报告 have the same title.
    meta.id = `m-${f.slug}`;
    col.setAttribute('aria-labelledby', `${h.id} ${meta.id}`);
    const tools = el('p', undefined, 'cmp-tools');
    const copy = el('button', '复制为模板');
    copy.type = 'button';
    copy.setAttribute('aria-describedby', h.id);
    copy.addEventListener('click', () => {
      copyText(templateOf(fromRows(f.outline))).then(
        () => {
          status.textContent = `已复制《${f.title}》的提纲模板，共 ${f.outline.length} 行。`;
          flash(copy, '已复制');
        },
        () => (status.textContent = `未能复制《${f.title}》的提纲：浏览器不允许写入剪贴板。`),
      );
    });
    const others = found.filter((x) => x !== f).map((x) => x.slug);
    const remove = el('a', '移出对比');
    remove.href = href(others.length ? comparePath(others) : '/skeletons/');
    remove.setAttribute('aria-describedby', h.id);
    tools.append(copy, remove);
    col.append(h, meta, tools);
    col.append(
      f.outline.length ? outlineList(outlineTree(fromRows(f.outline)), page) : el('p', '（本篇没有分级标题）'),
    );
    cols.append(col);
  }
  if (found.length)
    document.title = `提纲对比：${found.map((f) => f.title).join(' / ')}${document.title.replace(/^[^·]*/u, ' ')}`;
  status.textContent = [`并排对比 ${found.length} 篇讲话的提纲。`, ...notes].join('');
  // Two outlines: their texts can be compared sentence by sentence (issue 14).
  if (found.length === 2) {
    const p = el('p', undefined, 'cmp-text');
    const a = el('a', '逐句比较这两篇讲话的全文');
    a.href = href(`/compare/?a=${encodeURIComponent(found[0]!.slug)}&b=${encodeURIComponent(found[1]!.slug)}`);
    p.append(a);
    cols.before(p);
  }
}
