/** Styles for search results and the Ctrl/⌘+K dialog; they load with the search code only. */
export const css = `
dialog.search {
  width: min(44rem, 94vw);
  max-height: 80vh;
  margin-top: 8vh;
  padding: 1rem;
  border: 1px solid #8884;
  background: var(--bg);
  color: var(--fg);
}
dialog.search::backdrop {
  background: #0006;
}
dialog.search form {
  display: flex;
  gap: 0.5rem;
}
dialog.search input {
  flex: 1;
  font: inherit;
  padding: 0.3rem 0.5rem;
}
.hits {
  list-style: none;
  padding: 0;
}
.hit {
  border-top: 1px solid #8884;
  padding: 0.5rem 0;
}
.hit :is(h2, h3) {
  font-size: 1.05rem;
  margin: 0;
}
.hit ol {
  list-style: none;
  padding: 0;
  margin: 0;
}
.hit li a {
  display: block;
  color: inherit;
  text-decoration: none;
  padding: 0.3rem 0.5rem;
  font-size: 0.9rem;
  line-height: 1.7;
}
.hit li a:is(:hover, :focus) {
  /* The row a reader is on is tinted blue, so its yellow searched phrase still stands out. */
  background: var(--tg);
}
.path {
  display: block;
  color: var(--mu);
  font-size: 0.8rem;
}
.group > :is(h2, h3) {
  font-size: 1.1rem;
  margin: 1.5rem 0 0.25rem;
}
.group > ol {
  list-style: none;
  padding: 0;
}
.hits :is(.more, .clear) {
  padding: 0.5rem 0;
}
.hits button {
  font: inherit;
  font-size: 0.9rem;
}
mark {
  background: var(--hl);
  color: inherit;
  font-weight: 700;
}
/* In a link (a term's name) the link colour on the highlight is too faint in dark mode. */
a mark {
  color: var(--fg);
}
`;
