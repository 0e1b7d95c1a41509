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
  it('has a default for every field, so a collection without one builds, and the defaults name no collection', () => {
    const s = loadSite(root(), {});
    expect(s.url).toBe('http://127.0.0.1:4321/');
    expect(s.base).toBe('/');
    expect(s.shortName).toBe(s.name);
    expect(s.language).toBe('zh-CN');
    expect(s.contact).toBeUndefined();
    // The repository's own collection is named in its site file only.
    const ours = loadSite('.', {});
    for (const field of ['name', 'description', 'publisher'] as const) expect(s[field]).not.toBe(ours[field]);
  });

  it('reads the file, and SITE_URL overrides its url (with a trailing slash added)', () => {
    const dir = root('name: 某县档案馆讲话库\nshortName: 县档\nurl: https://a.example.org/x\n');
    expect(loadSite(dir, {})).toMatchObject({ name: '某县档案馆讲话库', url: 'https://a.example.org/x/', base: '/x/' });
    expect(loadSite(dir, { SITE_URL: 'https://b.example.org' })).toMatchObject({
      url: 'https://b.example.org/',
      base: '/',
    });
  });

  it('refuses a bad base path at once, however long (no backtracking), and dot segments', () => {
    const long = `/${'university-archive-speeches2024'.repeat(4)}?`;
    const t0 = performance.now();
    expect(() => loadSite(root(`base: ${long}\n`), {})).toThrow(/^content\/site\.yaml: base: must be a path/u);
    expect(() => loadSite(root('base: /a/../b/\n'), {})).toThrow(/base: must be a path/u);
    expect(() => loadSite(root('base: /./\n'), {})).toThrow(/base: must be a path/u);
    expect(() => loadSite(root('base: //x/\n'), {})).toThrow(/base: must be a path/u);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(loadSite(root('base: /a.b/c_d-e~/\n'), {})).toMatchObject({ base: '/a.b/c_d-e~/' });
  });

  it('takes the base path from base, the url or BASE_PATH, and refuses a url and base that disagree', () => {
    expect(loadSite(root('base: /yanlu\n'), {})).toMatchObject({
      base: '/yanlu/',
      url: 'http://127.0.0.1:4321/yanlu/',
    });
    const pages = root('url: https://x.github.io/\n');
    expect(loadSite(pages, { BASE_PATH: '/yanlu/' })).toMatchObject({
      base: '/yanlu/',
      url: 'https://x.github.io/yanlu/',
    });
    // What the Pages workflow passes: the project site's address and its path.
    expect(loadSite(pages, { SITE_URL: 'https://x.github.io/yanlu', BASE_PATH: '/yanlu/' })).toMatchObject({
      base: '/yanlu/',
      url: 'https://x.github.io/yanlu/',
    });
    expect(() => loadSite(root('url: https://a.example.org/x/\nbase: /y/\n'), {})).toThrow(
      /^content\/site\.yaml: url: its path \/x\/ differs from the base path \/y\//u,
    );
    expect(() => loadSite(pages, { BASE_PATH: 'yanlu' })).toThrow(
      /^BASE_PATH: yanlu: must be a path such as \/yanlu\//u,
    );
    expect(() => loadSite(pages, { SITE_URL: 'x.github.io' })).toThrow(/^SITE_URL: x\.github\.io: /u);
  });

  it('names the file and the field in one line on a bad value', () => {
    const line = (yaml: string) => {
      try {
        loadSite(root(yaml), {});
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(line('url: ftp://x.example.org/\n')).toMatch(/^content\/site\.yaml: url: must start with http/u);
    expect(line('nmae: x\n')).toBe('content/site.yaml: nmae: unknown field');
    expect(line('license: {}\n')).toBe('content/site.yaml: license: unknown field (did you mean licence?)');
    expect(line('licence: {notes: {name: CC BY 4.0, url: creativecommons}}\n')).toMatch(
      /^content\/site\.yaml: licence\.notes\.url: must be an absolute address/u,
    );
    expect(line('contact: {email: nobody}\n')).toBe('content/site.yaml: contact.email: must be an e-mail address');
    expect(line('contact: {}\n')).toBe('content/site.yaml: contact: give email, url or both');
    expect(line('shortName: 档案馆讲话\n')).toMatch(/^content\/site\.yaml: shortName: at most 4 Chinese characters/u);
    expect(line('shortName: Speeches\n')).toMatch(/^content\/site\.yaml: shortName: at most 4/u);
    expect(line('name: 某县档案馆讲话汇编\n')).toMatch(
      /^content\/site\.yaml: shortName: missing, and name \(某县档案馆讲话汇编\) is too long/u,
    );
    expect(loadSite(root('name: 某县档案馆讲话汇编\nshortName: 县档讲话\n'), {}).shortName).toBe('县档讲话');
    expect(loadSite(root('shortName: Yanlu\n'), {}).shortName).toBe('Yanlu');
    const withLogo = (short: string) => {
      const dir = root(`shortName: ${short}\nlogo: logo.svg\n`);
      writeFileSync(join(dir, 'content/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      return dir;
    };
    expect(loadSite(withLogo('县档'), {}).logo).toBe('logo.svg');
    expect(() => loadSite(withLogo('县档讲话'), {})).toThrow(
      /^content\/site\.yaml: shortName: at most 2 Chinese characters beside a logo/u,
    );
    expect(line('language: Chinese\n')).toBe('content/site.yaml: language: must be a BCP 47 tag such as zh-CN');
    expect(line('logo: logo.svg\n')).toBe('content/site.yaml: logo: content/logo.svg not found');
    expect(line('logo: ../x.svg\n')).toMatch(/^content\/site\.yaml: logo: must be a file name in content\//u);
    expect(line('name: [\n')).toMatch(/^content\/site\.yaml: not valid YAML/u);
    for (const l of ['url: ftp://x/\n', 'nmae: x\n', 'name: [\n']) expect(line(l)).not.toContain('\n');
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
