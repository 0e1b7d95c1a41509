// Progressive enhancement for speech pages; everything reads and links without it.
const on = addEventListener;
const q = <T extends Element>(s: string) => [...document.querySelectorAll<T>(s)];

// A copy-link control follows its link (the address bar shows it) and copies the full URL.
// An <output> is a polite live region: screen readers announce the copy.
const toast = document.body.appendChild(document.createElement('output'));
toast.className = 'toast';
on('click', (e) => {
  const a = (e.target as Element).closest<HTMLAnchorElement>('.pl');
  if (a) void navigator.clipboard?.writeText(a.href).then(() => (toast.textContent = '已复制链接'));
});

// The outline marks the section being read: the last heading above a line a fifth down the window.
const headings = q<HTMLElement>('.text>[id^=s]');
const links = q<HTMLAnchorElement>('.toc a');
const update = () => {
  const id = headings.filter((h) => h.getBoundingClientRect().top < innerHeight / 5).pop()?.id;
  for (const a of links) a[a.hash == `#${id}` ? 'setAttribute' : 'removeAttribute']('aria-current', 'true');
};
on('scroll', update);
update();

// Arriving from a search result (?hl=…): highlight what was searched for; search code loads only then.
const hl = new URLSearchParams(location.search).get('hl');
const search: string = '/search/ui.js';
if (hl)
  void (import(/* @vite-ignore */ search) as Promise<typeof import('../search/ui.ts')>).then((m) => m.highlight(hl));

export {};
