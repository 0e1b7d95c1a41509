/**
 * The glossary popover: one shared card, filled on demand with a term's definition and a link to
 * the term's page. It is shown in the top layer but lives at the end of <main>, outside the
 * article: inside a landmark (axe's `region`), yet never part of a paragraph, of what a reader
 * copies, or of the search index. It stays open while the pointer crosses from the term into it,
 * so its text can be selected; Escape, a press elsewhere or leaving both closes it.
 */
import { href } from '../client/base.ts';

type Entry = [term: string, pinyin: string, definition: string];

let terms: Promise<Record<string, Entry>> | undefined;
const tip = Object.assign(document.createElement('div'), { id: 'gloss', tabIndex: -1 });
tip.setAttribute('popover', 'manual');
tip.dataset['pagefindIgnore'] = '';
(document.querySelector('main') ?? document.body).append(tip);
document.head.append(
  Object.assign(document.createElement('style'), {
    textContent: `#gloss{position:fixed;inset:auto;margin:0;max-width:min(24rem,90vw);padding:.6rem .8rem;border:1px solid #8884;background:var(--bg);color:var(--fg);font:.875rem/1.7 var(--sans);text-indent:0;box-shadow:0 2px 8px #0003;outline:none}#gloss b{font-size:1rem}#gloss i{color:var(--mu);font-style:normal;margin-left:.5em}#gloss p{margin:.3em 0 0}#gloss .go{color:var(--mu)}#gloss .go a{display:inline-block;padding:.2em 0;margin-right:.6em}`,
  }),
);

let current: HTMLAnchorElement | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
/** The term a link leads to: the path segment after the base path's glossary/. */
const slugOf = (a: HTMLAnchorElement) => a.pathname.slice(href('/glossary/').length).split('/')[0] ?? '';
const el = (tag: string, props: Partial<HTMLElement & HTMLAnchorElement>) =>
  Object.assign(document.createElement(tag), props);

/**
 * Show the definition of the term `a` links to, next to it. After a tap (`touch`) the card also
 * says that a second tap on the term opens its page, as a pointer's click would.
 */
export async function show(a: HTMLAnchorElement, touch = false): Promise<void> {
  clearTimeout(hideTimer);
  terms ??= fetch(href('/glossary/terms.json')).then((r) => r.json() as Promise<Record<string, Entry>>);
  const entry = (await terms)[slugOf(a)];
  if (!entry) return;
  if (current && current !== a) current.removeAttribute('aria-describedby');
  current = a;
  const [term, pinyin, definition] = entry;
  const go = el('p', { className: 'go' });
  go.append(el('a', { href: a.pathname, textContent: '查看词条' }));
  if (touch) go.append(`再点一次“${a.textContent ?? term}”也可打开`);
  tip.replaceChildren(
    el('b', { textContent: term }),
    el('i', { textContent: pinyin }),
    el('p', { id: 'gloss-d', textContent: definition }),
    go,
  );
  if (!tip.matches(':popover-open')) tip.showPopover();
  const r = a.getBoundingClientRect();
  const below = r.bottom + 6 + tip.offsetHeight < innerHeight;
  tip.style.top = `${below ? r.bottom + 6 : Math.max(4, r.top - 6 - tip.offsetHeight)}px`;
  tip.style.left = `${Math.max(4, Math.min(r.left, innerWidth - tip.offsetWidth - 4))}px`;
  // The definition describes the link; the card's own link and hint are for pointer and touch.
  a.setAttribute('aria-describedby', 'gloss-d');
}

/** Hide the popover (after a short delay when `soon`, so the pointer can cross into it). */
export function hide(soon = false): void {
  clearTimeout(hideTimer);
  const go = () => {
    if (tip.matches(':popover-open')) tip.hidePopover();
    current?.removeAttribute('aria-describedby');
    current = undefined;
  };
  if (soon) hideTimer = setTimeout(go, 300);
  else go();
}

/** Whether the popover is showing for this link (a second tap on it then follows the link). */
export const showing = (a: Element) => current === a && tip.matches(':popover-open');

const termOf = (e: Event) =>
  (e.target as Element | null)?.closest?.<HTMLAnchorElement>(`.text a[href^="${href('/glossary/')}"]`);
const inTip = (n: EventTarget | null) => n instanceof Node && tip.contains(n);
// The hover bridge: leaving the term starts the delay, entering the card cancels it.
addEventListener('pointerout', (e) => {
  if (termOf(e) && e.pointerType !== 'touch' && !inTip(e.relatedTarget)) hide(true);
});
tip.addEventListener('pointerenter', () => clearTimeout(hideTimer));
tip.addEventListener('pointerleave', (e) => {
  if (e.pointerType !== 'touch' && !(e.relatedTarget instanceof Node && current?.contains(e.relatedTarget))) hide(true);
});
// Focus leaving the term (or the card) for anything but the card (or the term) closes it.
addEventListener('focusout', (e) => {
  const to = e.relatedTarget;
  if ((termOf(e) || inTip(e.target)) && !inTip(to) && to !== current) hide();
});
addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && current) hide();
});
addEventListener('pointerdown', (e) => {
  if (current && !termOf(e) && !inTip(e.target)) hide();
});
