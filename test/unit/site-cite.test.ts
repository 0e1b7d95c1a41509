import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citations, isoDate } from '../../src/lib/cite.ts';
import { loadSite } from '../../src/lib/site.ts';
import { around } from '../../src/lib/around.ts';
import { inferSpeaker } from '../../src/pipeline/metadata.ts';
import type { SpeechMeta } from '../../src/schemas/generated.ts';

/** A collection root holding only `content/site.yaml` with the given text (or none). */
function root(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'yanlu-site-'));
  mkdirSync(join(dir, 'content'));
  if (yaml !== undefined) writeFileSync(join(dir, 'content/site.yaml'), yaml);
  return dir;
}

describe('the site file', () => {
  it('has a default for every field, so a collection without one builds', () => {
    const s = loadSite(root(), {});
    expect(s.name).toBe('言录');
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:4321\/$/u);
  });

  it('reads the file, and SITE_URL overrides its url (with a trailing slash added)', () => {
    const dir = root('name: 某县档案馆讲话库\nurl: https://a.example.org/x\n');
    expect(loadSite(dir, {})).toMatchObject({ name: '某县档案馆讲话库', url: 'https://a.example.org/x/' });
    expect(loadSite(dir, { SITE_URL: 'https://b.example.org' }).url).toBe('https://b.example.org/');
  });

  it('names the file and the field in one line on a bad value', () => {
    expect(() => loadSite(root('url: ftp://x.example.org/\n'), {})).toThrow(/^content\/site\.yaml: url: /u);
    expect(() => loadSite(root('nmae: x\n'), {})).toThrow(/^content\/site\.yaml: /u);
    expect(() => loadSite(root('name: [\n'), {})).toThrow(/^content\/site\.yaml: not valid YAML/u);
  });
});

describe('speakers and citations', () => {
  it('reads the speaker from a byline of office and name, and guesses nothing else', () => {
    expect(inferSpeaker(['——2019年3月5日在第十三届全国人民代表大会第二次会议上', '国务院总理 李克强'])).toEqual({
      name: '李克强',
      role: '国务院总理',
    });
    expect(inferSpeaker(['广东省省长\u3000孟凡利'])).toEqual({ name: '孟凡利', role: '广东省省长' });
    expect(inferSpeaker(['2020年3月5日', '（根据录音整理）'])).toBeNull();
    expect(inferSpeaker(['同志们，今年的工作任务很重 要求很高'])).toBeNull();
  });

  it('cites GB/T 7714 and running-text forms with author, date, site, URL and access date', () => {
    const s = {
      title: '政府工作报告',
      titleDerived: false,
      date: { year: 2019, month: 3, day: 5, certainty: 'stated' as const, evidence: '' },
      speaker: { name: '李克强', role: '国务院总理' },
      institution: null,
    };
    const c = citations(s, { name: '言录' }, 'https://x.example.org/speeches/a/', '2026-12-01');
    expect(c.gbt).toBe(
      '李克强. 政府工作报告[EB/OL]. 言录, (2019-03-05)[2026-12-01]. https://x.example.org/speeches/a/',
    );
    expect(c.note).toBe(
      '李克强（国务院总理）：《政府工作报告》（2019年3月5日），言录，https://x.example.org/speeches/a/，访问日期：2026年12月1日。',
    );
    const inferred = citations(
      { ...s, titleDerived: true, date: { year: 2022, certainty: 'inferred', evidence: '' } },
      { name: '言录' },
      'u',
      '2026-12-01',
    );
    expect(inferred.gbt).toBe('李克强. 政府工作报告（编者拟题）[EB/OL]. 言录, (2022?)[2026-12-01]. u');
    expect(
      citations(
        { ...s, date: { year: 2020, certainty: 'earliest', evidence: '' } },
        { name: '言录' },
        'u',
        '2026-12-01',
      ).gbt,
    ).toContain('(不早于2020)');
    const anonymous = citations(
      { ...s, speaker: null, date: { ...s.date, month: undefined, day: undefined } },
      { name: '言录' },
      'u',
      '2026-01-02',
    );
    expect(anonymous.gbt.startsWith('佚名. 政府工作报告[EB/OL]. 言录, (2019)[2026-01-02]')).toBe(true);
    expect(isoDate({ year: null, certainty: 'unknown', evidence: '' })).toBe('');
  });
});

describe('neighbours and related speeches', () => {
  const speech = (slug: string, order: number, occasion: string): SpeechMeta =>
    ({ slug, title: slug, order, occasions: [occasion], themes: [], date: { year: 2020 } }) as unknown as SpeechMeta;
  it('relates up to three speeches of the same kind of meeting, nearest first, never the speech or its neighbours', () => {
    const list = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((s, i) => speech(s, i, i % 2 ? '廉政' : '全体'));
    list.forEach((s, i) => Object.assign(s, { newer: list[i - 1]?.slug ?? null, older: list[i + 1]?.slug ?? null }));
    const near = around(list);
    expect(near.get('c')!.older!.slug).toBe('d');
    expect(near.get('c')!.newer!.slug).toBe('b');
    // c, at index 1 of 全体 (a c e g): nearest a and e, then g.
    expect(near.get('c')!.related.map((r) => r.slug)).toEqual(['a', 'e', 'g']);
    // b's neighbours in the collection (a, c) are not 廉政 anyway; d f are.
    expect(near.get('b')!.related.map((r) => r.slug)).toEqual(['d', 'f']);
    for (const [slug, a] of near) expect(a.related.map((r) => r.slug)).not.toContain(slug);
  });
});
