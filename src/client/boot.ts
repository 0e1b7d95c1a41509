// Every page: code that loads only when the reader reaches for it. Search (/search/ui.js) on focus
// of the search box or Ctrl/⌘+K; the glossary popover (/glossary/popover.js) on the first hover,
// focus or tap on a term in a speech, where a first tap shows the definition and a second follows.
type Lazy = typeof import('../search/ui.ts') & typeof import('../annotate/popover.ts');
const load = (url: string) => import(/* @vite-ignore */ url) as Promise<Lazy>;
const on = addEventListener;
const term = (e: Event) => (e.target as Element).closest?.<HTMLAnchorElement>('.text a[href^="/glossary/"]');
let touch = false;
const show = (e: Event) => {
  const a = term(e);
  if (a && !touch) void load('/glossary/popover.js').then((m) => m.show(a));
};
// A touch announces itself on pointerover, before its tap: that tap, not the hover, shows the card.
on('pointerover', (e) => {
  touch = e.pointerType == 'touch';
  show(e);
});
on('focusin', (e) => {
  if ((e.target as Element).matches('header input')) void load('/search/ui.js');
  show(e);
});
on('click', (e) => {
  const a = term(e);
  if (a && touch) {
    e.preventDefault();
    void load('/glossary/popover.js').then((m) => (m.showing(a) ? location.assign(a.href) : m.show(a, true)));
  }
});
on('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() == 'k') {
    e.preventDefault();
    void load('/search/ui.js').then((m) => m.openDialog());
  }
});

export {};
