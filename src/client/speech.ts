// Progressive enhancement for speech pages; everything reads and links without it.
const $$ = <T extends Element>(s: string) => [...document.querySelectorAll<T>(s)];

// On phones the outline starts folded, so the text comes first.
const toc = document.querySelector<HTMLDetailsElement>('.toc details');
if (toc && innerWidth < 960) toc.open = false;

// A copy-link control follows its link (the address bar shows it) and copies the full URL.
const toast = document.querySelector('.toast')!;
addEventListener('click', (e) => {
  const a = (e.target as Element).closest<HTMLAnchorElement>('a.pl');
  if (a)
    void navigator.clipboard?.writeText(a.href).then(() => {
      toast.textContent = `已复制 ${a.href}`;
      setTimeout(() => (toast.textContent = ''), 3e3);
    });
});

// The outline marks the section being read: the last heading above a line a fifth down the window.
const headings = $$<HTMLElement>('.text [id^=s]');
const links = $$<HTMLAnchorElement>('.toc a');
const update = () => {
  const id = headings.filter((h) => h.getBoundingClientRect().top <= innerHeight / 5).pop()?.id;
  for (const a of links) {
    if (a.hash === `#${id}`) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
};
addEventListener('scroll', update, { passive: true });
update();

// Arriving from a search result: highlight what was searched for (search code loaded only then).
const hl = new URLSearchParams(location.search).get('hl');
const searchCode = '/search/ui.js';
if (hl) void import(/* @vite-ignore */ searchCode).then((m: typeof import('../search/ui.ts')) => m.highlight(hl));

// Glossary terms: the definition pops up on hover, focus or tap. Its code loads on first use; a
// first tap shows the definition, a second follows the link.
const popover: string = '/glossary/popover.js';
type Popover = typeof import('../annotate/popover.ts');
const pop = () => import(/* @vite-ignore */ popover) as Promise<Popover>;
const term = (e: Event) => (e.target as Element).closest?.<HTMLAnchorElement>('.text a[href^="/glossary/"]');
let touch = false;
for (const type of ['pointerover', 'focusin'])
  addEventListener(type, (e) => {
    const a = term(e);
    if (a && !(e instanceof PointerEvent && e.pointerType === 'touch')) void pop().then((m) => m.show(a));
  });
addEventListener('pointerdown', (e) => (touch = e.pointerType === 'touch'));
addEventListener('click', (e) => {
  const a = term(e);
  if (!a || !touch) return;
  e.preventDefault();
  void pop().then((m) => (m.showing(a) ? location.assign(a.href) : m.show(a)));
});
