// Every page: code that loads only when the reader reaches for it. Search (/search/ui.js) on focus
// of the search box or Ctrl/⌘+K; the glossary popover (/glossary/popover.js) on the first hover,
// focus or tap on a term in a speech, where a first tap shows the definition and a second follows;
// a speech page's enhancements (/speeches/read.js: clean copies, copy-link, outline tracking) on
// the first scroll, pointer or key, which comes before any selection can be copied.
type Lazy = typeof import('../search/ui.ts') & typeof import('../annotate/popover.ts') & typeof import('./read.ts');
const load = (url: string) => import(/* @vite-ignore */ url) as Promise<Lazy>;
// Every address is under the base path (src/client/base.ts), which Vite writes in at build time
// and the minifier joins to the path, so at base / the page carries the bytes it did before.
const on = addEventListener;
const term = (e: Event) =>
  (e.target as Element).closest?.<HTMLAnchorElement>(`.text a[href^="${import.meta.env.BASE_URL}glossary/"]`);
let touch = false;
// Speech pages: enhancements load when the reader first does something (moving the pointer is
// enough, so margin notes are placed before they are read), or at once when the address points
// into the text (#p17, ?hl=).
const speech = document.querySelector('article .text');
let enhanced: Promise<Lazy> | undefined;
const read = () => (speech ? (enhanced ??= load(`${import.meta.env.BASE_URL}speeches/read.js`)) : undefined);
if (location.hash || location.search) void read();
on('scroll', () => void read(), { passive: true });
document.addEventListener('selectionchange', () => void read());
const show = (e: Event) => {
  void read();
  const a = term(e);
  if (a && !touch) void load(`${import.meta.env.BASE_URL}glossary/popover.js`).then((m) => m.show(a));
};
// A touch announces itself on pointerover, before its tap: that tap, not the hover, shows the card.
on('pointerover', (e) => {
  touch = e.pointerType == 'touch';
  show(e);
});
on('focusin', (e) => {
  if ((e.target as Element).matches('header input')) void load(`${import.meta.env.BASE_URL}search/ui.js`);
  show(e);
});
on('click', (e) => {
  const pl = (e.target as Element).closest?.<HTMLAnchorElement>('.pl');
  // A click with no pointer position (detail 0) came from the keyboard.
  if (pl) void read()?.then((m) => m.copyLink(pl, (e as MouseEvent).detail === 0));
  const a = term(e);
  if (a && touch) {
    e.preventDefault();
    void load(`${import.meta.env.BASE_URL}glossary/popover.js`).then((m) =>
      m.showing(a) ? location.assign(a.href) : m.show(a, true),
    );
  }
});
on('keydown', (e) => {
  void read();
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() == 'k') {
    e.preventDefault();
    void load(`${import.meta.env.BASE_URL}search/ui.js`).then((m) => m.openDialog());
  }
});
