import { createRequire } from 'node:module';
import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { bibtex, cslItem, cslJson, partLabel, type Cited } from '../../src/lib/cite.ts';

/**
 * Citations of a speech and of its parts, read back by the parsers reference managers use: BibTeX
 * by Better BibTeX's parser, CSL-JSON by citeproc-js (the engine of Zotero and Mendeley).
 */
const require = createRequire(import.meta.url);
const CSL = require('citeproc') as {
  Engine: new (
    sys: { retrieveLocale: (l: string) => string; retrieveItem: (id: string) => unknown },
    style: string,
  ) => {
    updateItems(ids: string[]): void;
    makeBibliography(): [unknown, string[]];
  };
};
const locales = require('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;
const styles = require('@citation-js/plugin-csl/lib/styles.json') as Record<string, string>;

const speech: Cited = {
  title: '政府{工作}报告 100% & #1 _x_ $y$ \\z ~ ^',
  titleDerived: false,
  date: { year: 2019, month: 3, day: 5, certainty: 'stated', evidence: '' },
  speaker: { name: '李克强', role: '国务院总理' },
  institution: null,
  place: '北京',
};
const site = { name: '言录' };
const URL = 'https://x.example.org/speeches/a/';

/** Render CSL items with citeproc-js in a style. */
function render(style: string, items: object[]): string[] {
  const byId = new Map(items.map((i) => [(i as { id: string }).id, i]));
  const engine = new CSL.Engine({ retrieveLocale: () => locales['en-US']!, retrieveItem: (id) => byId.get(id) }, style);
  engine.updateItems([...byId.keys()]);
  return engine.makeBibliography()[1].map((s) =>
    s
      .replace(/<[^>]+>/gu, '')
      .replace(/&(?:amp|#38);/gu, '&')
      .trim(),
  );
}

/** A style of our own that prints each variable as citeproc read it, so each can be checked exactly. */
const PROBE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>probe</title><id>probe</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter="|">
      <names variable="author"><name/></names>
      <text variable="title"/>
      <date variable="issued"><date-part name="year"/><date-part name="month" form="numeric" prefix="-"/><date-part name="day" prefix="-"/></date>
      <text variable="container-title"/>
      <text variable="event-place"/>
      <text variable="part-title"/>
      <text variable="URL"/>
      <date variable="accessed"><date-part name="year"/><date-part name="month" form="numeric" prefix="-"/><date-part name="day" prefix="-"/></date>
    </group>
  </layout></bibliography>
</style>`;

describe('BibTeX', () => {
  it('parses back to exactly the speech: title with TeX specials as text, the author one name, ISO dates, the URL', () => {
    const { entries, errors } = parse(bibtex(speech, site, 'a', URL, '2026-12-01'));
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e.type).toBe('online');
    expect(e.key).toBe('a');
    expect(e.fields['title']).toBe(speech.title);
    expect(e.fields['author']).toEqual([{ name: '李克强' }]);
    expect(e.fields['date']).toBe('2019-03-05');
    expect(e.fields['url']).toBe(URL);
    expect(e.fields['urldate']).toBe('2026-12-01');
    expect(e.fields['venue']).toBe('北京');
  });

  it('a part: the key and URL carry its id, the note names it; an institution stays one name', () => {
    const inst = { ...speech, speaker: null, institution: '某市人民政府 & 办公室' };
    const { entries } = parse(bibtex(inst, site, 'a:p17', `${URL}#p17`, '2026-12-01', '第17段'));
    expect(entries[0]!.key).toBe('a:p17');
    expect(entries[0]!.fields['url']).toBe(`${URL}#p17`);
    expect(entries[0]!.fields['note']).toBe('第17段');
    expect(entries[0]!.fields['author']).toEqual([{ name: '某市人民政府 & 办公室' }]);
    const inferred = parse(
      bibtex({ ...speech, date: { year: 2022, certainty: 'inferred', evidence: '' } }, site, 'b', URL, '2026-12-01'),
    );
    expect(inferred.entries[0]!.fields['note']).toBe('日期据文中事件推断');
  });
});

describe('CSL-JSON', () => {
  const part = cslItem(speech, site, 'a:s2-1', `${URL}#s2-1`, '2026-12-01', '（一）抓学习');
  const whole = cslItem({ ...speech, speaker: null, institution: '某县人民政府', place: null }, site, 'b', URL);

  it('citeproc-js reads every variable as meant', () => {
    expect(render(PROBE, [part, whole]).sort()).toEqual(
      [
        `李克强|${speech.title}|2019-3-5|言录|北京|（一）抓学习|${URL}#s2-1|2026-12-1`,
        `某县人民政府|${speech.title}|2019-3-5|言录|${URL}`,
      ].sort(),
    );
  });

  it('renders in the styles citation-js ships (APA, Vancouver) with author, year, title, site and URL', () => {
    for (const style of ['apa', 'vancouver']) {
      const [out] = render(styles[style]!, [part]);
      for (const piece of ['李克强', '2019', speech.title, '言录', `${URL}#s2-1`]) expect(out, style).toContain(piece);
    }
  });

  it('is valid JSON as copied, each date on one line', () => {
    const text = cslJson([part]);
    expect(JSON.parse(text)).toEqual([part]);
    expect(text).toContain('"date-parts": [[2019, 3, 5]]');
  });
});

describe('parts of a speech', () => {
  const s = {
    titleDerived: false,
    counts: { paragraphs: 17 },
    outline: [{ id: 's2-1', depth: 2, marker: '（一）', title: '抓学习' }],
  };
  it('names the title, a heading as written and a paragraph by number, and nothing the speech lacks', () => {
    expect(partLabel(s, 'title')).toBe('标题');
    expect(partLabel(s, 's2-1')).toBe('（一）抓学习');
    expect(partLabel(s, 'p17')).toBe('第17段');
    for (const id of ['p18', 'p0', 's9', 'x', '<script>', 'p1#x']) expect(partLabel(s, id), id).toBeNull();
    expect(partLabel({ ...s, titleDerived: true }, 'title')).toBeNull();
  });
});
