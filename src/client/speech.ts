// Progressive enhancement for speech pages; everything reads and links without it.

const toc = document.querySelector<HTMLDetailsElement>('.toc details');
// On phones the outline starts folded so the text comes first.
if (toc && matchMedia('(max-width: 60rem)').matches) toc.open = false;

// Copy-link controls: follow the link (the address bar shows it) and copy the full URL.
const toast = document.querySelector<HTMLElement>('.toast');
document.addEventListener('click', (event) => {
  const a = (event.target as Element).closest<HTMLAnchorElement>('a.pl');
  if (!a || !navigator.clipboard) return;
  void navigator.clipboard.writeText(a.href).then(
    () => {
      if (!toast) return;
      toast.textContent = `已复制链接：${a.href}`;
      setTimeout(() => (toast.textContent = ''), 2500);
    },
    () => undefined,
  );
});

// Highlight the outline entry of the section being read.
const links = new Map<string, HTMLAnchorElement>();
for (const a of document.querySelectorAll<HTMLAnchorElement>('.toc a')) links.set(a.hash.slice(1), a);
const headings = [...document.querySelectorAll<HTMLElement>('.text :is(h2,h3,h4,h5,h6)[id]')];
let current: HTMLAnchorElement | undefined;
function update(): void {
  // The current section is the last heading above the reading line (a fifth down the viewport).
  const line = innerHeight / 5;
  let active: HTMLElement | undefined;
  for (const h of headings) {
    if (h.getBoundingClientRect().top <= line) active = h;
    else break;
  }
  const link = active && links.get(active.id);
  if (link === current) return;
  current?.removeAttribute('aria-current');
  link?.setAttribute('aria-current', 'location');
  current = link;
}
if (headings.length) {
  addEventListener('scroll', () => requestAnimationFrame(update), { passive: true });
  addEventListener('hashchange', update);
  update();
}
