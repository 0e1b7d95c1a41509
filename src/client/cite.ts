/**
 * The 引用与下载 page (/speeches/<slug>/source/), bundled as /speeches/cite.js: the citations with
 * the reader's today as access date and, for `?at=<block id>`, of that section or paragraph (its
 * URL with #id, its name in the note forms); a copy button for each form.
 */
import { bibtex, citations, cslItem, cslJson, partLabel, type Cited } from '../lib/cite.ts';
import type { Speech } from '../schemas/speech.ts';

interface CiteData {
  cited: Cited;
  site: string;
  /** The BibTeX key and CSL id of the speech (its slug). */
  key: string;
  url: string;
  outline: Speech['outline'];
  counts: { paragraphs: number };
}

const data = JSON.parse(document.getElementById('cite-data')!.textContent) as CiteData;
const d = new Date();
const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const at = new URLSearchParams(location.search).get('at');
const part = at
  ? partLabel({ outline: data.outline, counts: data.counts, titleDerived: data.cited.titleDerived }, at)
  : null;
const url = part ? `${data.url}#${at}` : data.url;
const key = part ? `${data.key}:${at}` : data.key;
const site = { name: data.site };
const { gbt, note } = citations(data.cited, site, url, today, part ?? undefined);
const texts: Record<string, string> = {
  gbt,
  note,
  bibtex: bibtex(data.cited, site, key, url, today, part ?? undefined),
  csl: cslJson([cslItem(data.cited, site, key, url, today, part ?? undefined)]),
};

const cited = document.getElementById('cited')!;
if (at && !part) cited.textContent = `本篇没有“${at}”这一节或段；以下引用全篇。`;
else if (part) {
  cited.textContent = `引用${at === 'title' ? '标题' : at!.startsWith('p') ? part : `“${part}”一节`}（网址带 #${at}）。`;
  const a = Object.assign(document.createElement('a'), {
    href: `${new URL(data.url).pathname}#${at}`,
    textContent: '在讲话中查看',
  });
  cited.append(' ', a);
}

// A status line for the copy buttons (announced, gone after 5 s).
const status = document.createElement('p');
status.setAttribute('role', 'status');
status.className = 'copied';
cited.after(status);
let timer = 0;
for (const c of document.querySelectorAll<HTMLElement>('[data-cite]')) {
  const form = c.dataset['cite']!;
  c.textContent = texts[form] ?? c.textContent;
  const label = c.previousElementSibling?.textContent ?? '引文';
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = `复制 ${label}`;
  b.onclick = () =>
    void navigator.clipboard.writeText(c.textContent).then(() => {
      status.textContent = `已复制 ${label} 引文`;
      clearTimeout(timer);
      timer = window.setTimeout(() => (status.textContent = ''), 5000);
    });
  c.after(b);
}
