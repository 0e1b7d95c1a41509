/**
 * The glossary popover: one shared tooltip, filled on demand with a term's definition. It lives
 * outside the text (a top-layer popover at the end of <body>), so the definition is never part
 * of a paragraph, of what a reader copies, or of the search index.
 */
type Entry = [term: string, pinyin: string, definition: string];

let terms: Promise<Record<string, Entry>> | undefined;
const tip = Object.assign(document.createElement('div'), { id: 'gloss', role: 'tooltip' });
tip.setAttribute('popover', 'manual');
tip.dataset['pagefindIgnore'] = '';
document.body.append(tip);
document.head.append(
  Object.assign(document.createElement('style'), {
    textContent: `#gloss{position:fixed;inset:auto;margin:0;max-width:min(24rem,90vw);padding:.6rem .8rem;border:1px solid #8884;background:var(--bg);color:var(--fg);font:.875rem/1.7 var(--sans);box-shadow:0 2px 8px #0003}#gloss b{font-size:1rem}#gloss i{color:var(--mu);font-style:normal;margin-left:.5em}#gloss p{margin:.3em 0 0}`,
  }),
);

let current: HTMLAnchorElement | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
const slugOf = (a: HTMLAnchorElement) => a.pathname.split('/')[2] ?? '';

/** Show the definition of the term `a` links to, next to it. */
export async function show(a: HTMLAnchorElement): Promise<void> {
  clearTimeout(hideTimer);
  terms ??= fetch('/glossary/terms.json').then((r) => r.json() as Promise<Record<string, Entry>>);
  const entry = (await terms)[slugOf(a)];
  if (!entry) return;
  if (current && current !== a) current.removeAttribute('aria-describedby');
  current = a;
  const [term, pinyin, definition] = entry;
  tip.replaceChildren(
    Object.assign(document.createElement('b'), { textContent: term }),
    Object.assign(document.createElement('i'), { textContent: pinyin }),
    Object.assign(document.createElement('p'), { textContent: definition }),
  );
  if (!tip.matches(':popover-open')) tip.showPopover();
  const r = a.getBoundingClientRect();
  const below = r.bottom + 6 + tip.offsetHeight < innerHeight;
  tip.style.top = `${below ? r.bottom + 6 : Math.max(4, r.top - 6 - tip.offsetHeight)}px`;
  tip.style.left = `${Math.max(4, Math.min(r.left, innerWidth - tip.offsetWidth - 4))}px`;
  a.setAttribute('aria-describedby', 'gloss');
}

/** Hide the popover (after a short delay when `soon`, so the pointer can cross a gap). */
export function hide(soon = false): void {
  clearTimeout(hideTimer);
  const go = () => {
    if (tip.matches(':popover-open')) tip.hidePopover();
    current?.removeAttribute('aria-describedby');
    current = undefined;
  };
  if (soon) hideTimer = setTimeout(go, 250);
  else go();
}

/** Whether the popover is showing for this link (a second tap on it then follows the link). */
export const showing = (a: Element) => current === a && tip.matches(':popover-open');

const termOf = (e: Event) => (e.target as Element | null)?.closest?.<HTMLAnchorElement>('.text a[href^="/glossary/"]');
addEventListener('pointerout', (e) => {
  if (termOf(e) && e.pointerType !== 'touch') hide(true);
});
addEventListener('focusout', (e) => {
  if (termOf(e)) hide();
});
addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && current) hide();
});
addEventListener('pointerdown', (e) => {
  if (current && !termOf(e)) hide();
});
