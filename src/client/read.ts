/**
 * Speech-page enhancements, bundled as /speeches/read.js and loaded by boot.ts on the reader's
 * first scroll, click or key (or at once when the address carries a #fragment or ?hl=). The page
 * reads, links and prints without it.
 */
import { href } from './base.ts';
import { cleanCopy } from './clean-copy.ts';
import { wrapText } from './wrap.ts';

const q = <T extends Element>(s: string) => [...document.querySelectorAll<T>(s)];
const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';

/**
 * The page's address without ?hl= or any other query or fragment: the address the reader is at,
 * which works wherever the site is served (the canonical link names where it is published).
 */
const pageUrl = () => `${location.origin}${location.pathname}`;

/** Today as 2026-12-01, for the access date of a citation. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * A citation line for `url` from the page's citation_* meta tags (the Highwire tags reference
 * managers read): author. title[EB/OL]. site, (date)[accessed]. url (GB/T 7714—2015).
 */
export function citationFor(url: string): string {
  const author = meta('citation_author') || '佚名';
  // A stated date is in citation_date; an inferred one or a lower bound only on the page.
  const shown = document.querySelector('.meta .d')?.textContent ?? '';
  const year = /\d{4}/u.exec(shown)?.[0];
  const date = meta('citation_date')
    ? `(${meta('citation_date').replace(/\//gu, '-')})`
    : year
      ? shown.includes('不早于')
        ? `(不早于${year})`
        : `(${year}?)`
      : '';
  // The site's full name (the header shows its short name).
  const site = document.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content ?? '';
  return `${author}. ${meta('citation_title')}[EB/OL]. ${site}, ${date}[${today()}]. ${url}`;
}

// A copy from a speech yields its words only: no notes, controls or page styles (clean-copy.ts).
addEventListener('copy', (e) => {
  const sel = getSelection();
  const words = sel && !sel.isCollapsed ? cleanCopy(sel.getRangeAt(0)) : null;
  if (!words || !e.clipboardData) return;
  e.preventDefault();
  e.clipboardData.setData('text/plain', words.text);
  e.clipboardData.setData('text/html', words.html);
});

// ---- the notice: a polite live region that says what was copied, then goes away (5 s, or on Escape).
// Its styles come with this module, so pages that never show it do not carry them.
document.head.append(
  Object.assign(document.createElement('style'), {
    textContent:
      '.toast{position:fixed;bottom:1rem;left:50%;translate:-50%;z-index:3;display:flex;gap:1em;align-items:center;max-width:calc(100vw - 2rem);padding:.4em .8em;background:var(--bg);color:var(--fg);border:1px solid var(--mu);border-radius:.4em;font-size:.875rem}.toast[hidden]{display:none}.toast output{white-space:nowrap}',
  }),
);
// Inside <main>, so it sits in a landmark.
const toast = (document.querySelector('main') ?? document.body).appendChild(document.createElement('div'));
toast.className = 'toast';
toast.hidden = true;
const status = toast.appendChild(document.createElement('output'));
let timer = 0;
function notify(message: string, action?: { label: string; run: () => void }, link?: { label: string; href: string }) {
  status.textContent = message;
  toast.querySelector('button')?.remove();
  toast.querySelector('a')?.remove();
  if (action) {
    const b = toast.appendChild(document.createElement('button'));
    b.type = 'button';
    b.textContent = action.label;
    b.onclick = action.run;
  }
  if (link) toast.appendChild(Object.assign(document.createElement('a'), { textContent: link.label, href: link.href }));
  toast.hidden = false;
  clearTimeout(timer);
  const hide = () => (timer = window.setTimeout(() => (toast.hidden = true), 5000));
  hide();
  // Kept while the pointer or focus is on it, so its button can be reached.
  toast.onpointerenter = () => clearTimeout(timer);
  toast.onpointerleave = hide;
}
toast.addEventListener('focusin', () => clearTimeout(timer));
let returnTo: HTMLElement | null = null;
addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || toast.hidden) return;
  const inside = toast.contains(document.activeElement);
  toast.hidden = true;
  if (inside) returnTo?.focus();
});

/** Copy a paragraph or heading with a citation line under it, in both clipboard flavours. */
async function copyWithSource(block: HTMLElement) {
  const range = document.createRange();
  range.selectNodeContents(block);
  const words = cleanCopy(range);
  if (!words) return;
  const cite = citationFor(`${pageUrl()}#${block.id}`);
  const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  await navigator.clipboard.write([
    new ClipboardItem({
      'text/plain': new Blob([`${words.text}\n${cite}`], { type: 'text/plain' }),
      'text/html': new Blob([`${words.html}<p>${esc(cite)}</p>`], { type: 'text/html' }),
    }),
  ]);
  notify('已复制本段及出处');
}

/**
 * A copy-link control (called by boot.ts on its click) follows its link, so the address bar shows
 * it, and copies the address of the paragraph or section, without any ?hl= the page was opened
 * with; the notice then offers the paragraph itself with its citation.
 */
export function copyLink(a: HTMLAnchorElement, byKeyboard = false) {
  const block = a.parentElement!;
  // The address bar shows the block's own address, without the ?hl= of a search result.
  if (location.search) history.replaceState(history.state, '', `${pageUrl()}${a.hash}`);
  void navigator.clipboard?.writeText(`${pageUrl()}${a.hash}`).then(() => {
    // … and leads to its citations in every form (the 引用与下载 page, ?at=<block id>).
    notify(
      '已复制链接',
      { label: '复制本段（附出处）', run: () => void copyWithSource(block) },
      { label: '引用本段', href: `${location.pathname}source/?at=${encodeURIComponent(block.id)}` },
    );
    // From the keyboard, focus moves to the notice's button (Escape returns to the link).
    if (byKeyboard) {
      returnTo = a;
      toast.querySelector('button')?.focus();
    }
  });
}

// The outline marks the section being read: the last heading above a line a fifth down the window.
const headings = q<HTMLElement>('.text>[id^=s]');
const links = q<HTMLAnchorElement>('.toc a');
const update = () => {
  const id = headings.filter((h) => h.getBoundingClientRect().top < innerHeight / 5).pop()?.id;
  for (const a of links) a[a.hash == `#${id}` ? 'setAttribute' : 'removeAttribute']('aria-current', 'true');
};
addEventListener('scroll', update, { passive: true });
update();

// Arriving from a search result (?hl=…): highlight what was searched for; search code loads only then.
const hl = new URLSearchParams(location.search).get('hl');
const search: string = href('/search/ui.js');
if (hl)
  void (import(/* @vite-ignore */ search) as Promise<typeof import('../search/ui.ts')>).then((m) => m.highlight(hl));

// Wide screens put notes in the margin beside their block (global.css); a note taller than the
// text beside it would run into the next note, so each is moved down below the one above.
const wide = matchMedia('(min-width: 84rem)');
function placeNotes() {
  let bottom = -Infinity;
  for (const n of q<HTMLElement>('.text > .pn')) {
    n.style.marginTop = '';
    if (!wide.matches) continue;
    const box = n.getBoundingClientRect();
    if (box.top < bottom + 8) n.style.marginTop = `${bottom + 8 - box.top}px`;
    bottom = n.getBoundingClientRect().bottom;
  }
}
placeNotes();
wide.addEventListener('change', placeNotes);
addEventListener('resize', placeNotes);

// The phones' 提纲 button lands on the outline open.
const openToc = () => {
  if (location.hash === '#toc') document.querySelector<HTMLDetailsElement>('.toc details')!.open = true;
};
addEventListener('hashchange', openToc);
openToc();

// ---- Issue 14: 比较 in the footer's links, to the compare page, which sets beside this speech
// the same kind of speech from the year before, else the one sharing most passages with it (named
// in this speech's shared.json, src/lib/partner.ts). Added here, not in the page: the comparison
// needs JavaScript anyway, and the speech page's bytes are budgeted.
const own = /\/speeches\/([^/]+)\/$/u.exec(location.pathname)?.[1];
const footerLinks = document.querySelector('footer.about .links');
if (own && footerLinks && document.querySelector('article .text')) {
  const a = document.createElement('a');
  a.href = href(`/compare/?a=${own}`);
  a.textContent = '比较';
  a.title = '与上一年的同类讲话（或与本篇共用文字最多的讲话）逐句比较';
  footerLinks.append(' · ', a);
}

// ---- Issue 10: on request, mark the text this speech shares with others (yellow) and the
// collection's formulations it uses (underlined, linked), from /speeches/<slug>/shared.json.
const about = document.querySelector('footer.about p');
if (about && document.querySelector('.text')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '标出与他篇相同的文字和常见提法';
  button.setAttribute('aria-pressed', 'false');
  let marked = false;
  button.onclick = async () => {
    if (!marked) {
      marked = true;
      const r = await fetch(`${location.pathname}shared.json`);
      const data = (await r.json()) as {
        passages: Array<[string, Array<[number, number]>, number]>;
        formulations: Array<[string, number, number]>;
      };
      // Formulations first (inner), then shared passages around them.
      // Each formulation links to the full-text search of it (every use in the collection).
      const texts = new Map(data.formulations.map(([id]) => [id, document.getElementById(id)?.textContent ?? '']));
      for (const [id, s, e] of [...data.formulations].reverse()) {
        const block = document.getElementById(id);
        const to = href(`/search/?q=${encodeURIComponent(texts.get(id)!.slice(s, e))}`);
        if (block)
          wrapText(block, s, e, () => Object.assign(document.createElement('a'), { className: 'fm', href: to }));
      }
      for (const [id, spans, n] of data.passages) {
        const block = document.getElementById(id);
        // From the last span back, so earlier offsets stay valid.
        for (const [s, e] of block ? [...spans].reverse() : [])
          wrapText(block!, s, e, () =>
            Object.assign(document.createElement('mark'), { className: 'sd', title: `同见于 ${n} 篇` }),
          );
      }
    }
    const on = document.body.classList.toggle('reuse');
    button.setAttribute('aria-pressed', String(on));
    notify(on ? '已标出：黄底为与他篇相同的文字，下划线为常见提法' : '已取消标出');
  };
  about.after(button);
}
document.head.append(
  Object.assign(document.createElement('style'), {
    textContent:
      'body:not(.reuse) .sd{background:none}.sd{background:var(--hl);color:inherit}body:not(.reuse) .fm{text-decoration:inherit;pointer-events:none}.fm{color:inherit;text-decoration:underline 2px var(--ac)}',
  }),
);
