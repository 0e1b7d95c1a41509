// Filters for the collection list. Without JavaScript the form stays hidden and all speeches show.
const form = document.querySelector<HTMLFormElement>('form.filters');
const items = [...document.querySelectorAll<HTMLLIElement>('ol.speeches > li')];
const count = form?.querySelector('output');

function apply(): void {
  if (!form) return;
  const data = new FormData(form);
  const want = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' ? v : '';
  };
  let shown = 0;
  for (const li of items) {
    // Each select filters on the item's data attribute of the same name (values joined by |).
    const ok = [...form.querySelectorAll('select')].every(
      (s) => !want(s.name) || (li.dataset[s.name] ?? '').split('|').includes(want(s.name)),
    );
    li.hidden = !ok;
    if (ok) shown++;
  }
  if (count) count.textContent = `显示 ${shown} / ${items.length} 篇`;
  // Filters live in the URL so a filtered list can be bookmarked and shared.
  const params = new URLSearchParams();
  for (const [k, v] of data) if (typeof v === 'string' && v) params.set(k, v);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

if (form) {
  const params = new URLSearchParams(location.search);
  for (const select of form.querySelectorAll('select')) {
    const v = params.get(select.name);
    if (v && [...select.options].some((o) => o.value === v)) select.value = v;
  }
  form.hidden = false;
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  apply();
}

export {};
