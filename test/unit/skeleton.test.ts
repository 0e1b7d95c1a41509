import { describe, expect, it } from 'vitest';
import { pages } from '../../src/lib/listing.ts';
import {
  comparePath,
  kindOf,
  listedCount,
  MAX_LISTED,
  MAX_LISTED_CHARS,
  requestedSlugs,
  summaryOf,
  templateOf,
} from '../../src/lib/skeleton.ts';

const h = (id: string, depth: number, marker: string, title: string) => ({ id, depth, marker, title });
const outline = [
  h('s1', 1, '一、', '提高政治站位'),
  h('s1-1', 2, '（一）', '加强政治建设'),
  h('s1-1-1', 3, '1.', '学习'),
  h('s1-2', 2, '（二）', '落实责任'),
  h('s2', 1, '二、', '突出重点'),
  h('s2-1', 2, '一是', '用好资金'),
  h('s2-2', 2, '二是', '减税降费'),
];

describe('templateOf', () => {
  it('writes each heading on its own line, marker as written, two full-width spaces a level', () => {
    expect(templateOf(outline)).toBe(
      [
        '一、提高政治站位',
        '\u3000\u3000（一）加强政治建设',
        '\u3000\u3000\u3000\u30001.学习',
        '\u3000\u3000（二）落实责任',
        '二、突出重点',
        '\u3000\u3000一是用好资金',
        '\u3000\u3000二是减税降费',
      ].join('\n'),
    );
    expect(templateOf([])).toBe('');
  });
});

describe('summaryOf', () => {
  it('counts parts, sections and headings by kind of numbering, in order of first use', () => {
    expect(summaryOf(outline)).toBe('2 部分 · 5 小节 · 一、×2 · （一）×2 · 1.×1 · 一是×2');
    expect(summaryOf([])).toBe('无标题');
    expect(summaryOf([h('s1', 1, '第一，', 'a'), h('s2', 1, '第二，', 'b')])).toBe('2 部分 · 第一，×2');
  });
  it('tells unnumbered part titles from lead sentences by depth', () => {
    expect(kindOf({ marker: '', depth: 1 })).toBe('part');
    expect(kindOf({ marker: '', depth: 2 })).toBe('lead');
    expect(kindOf({ marker: '首先，', depth: 2 })).toBe('shouxian');
    expect(kindOf({ marker: '第三个问题', depth: 1 })).toBe('di-ge');
  });
});

describe('requestedSlugs', () => {
  it('takes repeated s= and comma lists alike, distinct and valid, in order', () => {
    expect(requestedSlugs('?s=a-1,b&s=c&s=a-1')).toEqual(['a-1', 'b', 'c']);
    expect(requestedSlugs('?s=a%2Cb')).toEqual(['a', 'b']);
    expect(requestedSlugs('?s=../x&s=<b>&s=ok')).toEqual(['ok']);
    expect(requestedSlugs('')).toEqual([]);
    expect(comparePath(['a', 'b'])).toBe('/skeletons/compare/?s=a,b');
  });
});

describe('pages', () => {
  it('splits by the size asked for', () => {
    expect(pages([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages([], 2)).toEqual([[]]);
  });
});

describe('listedCount', () => {
  it('shows whole outlines up to the heading and character limits, then stops before the one that passes them', () => {
    expect(listedCount(outline)).toBe(outline.length);
    const many = Array.from({ length: MAX_LISTED + 5 }, (_, i) => h(`s${i + 1}`, 1, '一、', '短'));
    expect(listedCount(many)).toBe(MAX_LISTED);
    const long = Array.from({ length: 10 }, (_, i) => h(`s${i + 1}`, 1, '', '长'.repeat(MAX_LISTED_CHARS / 4)));
    expect(listedCount(long)).toBe(4);
    expect(listedCount([h('s1', 1, '', '长'.repeat(MAX_LISTED_CHARS + 1))])).toBe(0);
  });
});
