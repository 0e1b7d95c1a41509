// Every page: the search code (/search/ui.js, see src/pages/search/ui.js.ts) loads only when the
// reader reaches for it: focus on the search box, or Ctrl/⌘+K for the search dialog.
const code: string = '/search/ui.js';
const ui = () => import(/* @vite-ignore */ code) as Promise<typeof import('../search/ui.ts')>;
document.querySelector('header.site input')?.addEventListener('focus', () => void ui(), { once: true });
addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
    e.preventDefault();
    void ui().then((m) => m.openDialog());
  }
});
