import type { Change } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, MOVED, type Alignment, type Block, type Row } from '../../src/compare/align.ts';
import { numberChanges } from '../../src/compare/numbers.ts';
import { diceOf, lcsLength } from '../helpers/diff-oracle.ts';

/**
 * The compare page's alignment (issue 14) on constructed pairs whose differences are known:
 * speeches of random sentences (so no two are alike by chance), and B made from A by inserting,
 * deleting, moving to another part and editing sentences, and by changing numbers. Checked
 * against what was done and against brute-force oracles (test/helpers/diff-oracle.ts).
 */

const POOL = [
  ...new Set(
    '国家经济社会发展改革开放创新协调绿色共享人民群众生活水平提高质量效益安全稳定政府工作建设推进实施完善加强深化扩大优化坚持推动促进保障基础设施农业农村乡村振兴城市区域科技教育文化卫生健康就业收入消费投资出口市场主体企业营商环境金融财政税收风险防控生态保护污染治理能源资源法治监督廉洁作风党建能力现代化',
  ),
];
const CN = '一二三四五六七八九十';

/** A small seeded generator (mulberry32), so that fast-check's seed decides the whole speech. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(POOL)).join('');
  return { int, pick, words };
}

interface Part {
  heading: string;
  paragraphs: string[][];
}

/** Parts as blocks: headings and paragraphs (a paragraph left empty by deletions is gone). */
function blocksOf(opening: string[], parts: Part[]): Block[] {
  const blocks: Block[] = [];
  let p = 0;
  if (opening.length) blocks.push({ id: `p${++p}`, depth: 0, text: opening.join('') });
  parts.forEach((part, i) => {
    blocks.push({ id: `s${i + 1}`, depth: 1, text: part.heading });
    for (const para of part.paragraphs) if (para.length) blocks.push({ id: `p${++p}`, depth: 0, text: para.join('') });
  });
  return blocks;
}

/** A speech A and B made from it, with what was done. */
function pair(seed: number) {
  const r = random(seed);
  const used = new Set<string>();
  const sentence = (min = 12): string => {
    for (;;) {
      const s = r.words(r.int(min, 48)) + r.pick(['。', '；', '！']);
      if (!used.has(s)) {
        used.add(s);
        return s;
      }
    }
  };
  const numbered: Array<[string, string, string]> = [];
  const opening = [sentence(), sentence()];
  const parts: Part[] = Array.from({ length: r.int(3, 5) }, (_, i) => ({
    heading: `${CN[i]}、${r.words(r.int(6, 12))}`,
    paragraphs: Array.from({ length: r.int(2, 4) }, () => Array.from({ length: r.int(1, 5) }, () => sentence())),
  }));
  // A target sentence per speech: its number changes (5%左右 → 4.5%至5%).
  const label = r.words(6);
  const target = `${label}5%左右，${r.words(20)}。`;
  parts[0]!.paragraphs[0]!.push(target);
  const B = structuredClone(parts);
  const newTarget = target.replace('5%左右', '4.5%至5%');
  B[0]!.paragraphs[0]![B[0]!.paragraphs[0]!.length - 1] = newTarget;
  numbered.push([label, '5%左右', '4.5%至5%']);

  // Sentences of B that may still be touched (not the target, not touched already).
  const touched = new Set<string>([target, newTarget]);
  const places = () =>
    B.flatMap((part, i) =>
      part.paragraphs.flatMap((para, j) => para.map((s, k) => ({ i, j, k, s }))).filter((x) => !touched.has(x.s)),
    );
  const deleted: string[] = [];
  const inserted: string[] = [];
  const moved: string[] = [];
  const edited: Array<[string, string]> = [];
  for (let n = r.int(1, 3); n > 0; n--) {
    const { i, j, k, s } = r.pick(places());
    B[i]!.paragraphs[j]!.splice(k, 1);
    deleted.push(s);
    touched.add(s);
  }
  for (let n = r.int(1, 3); n > 0; n--) {
    const s = sentence();
    const part = r.pick(B);
    const para = r.pick(part.paragraphs);
    para.splice(r.int(0, para.length), 0, s);
    inserted.push(s);
    touched.add(s);
  }
  for (let n = r.int(1, 2); n > 0; n--) {
    const { i, j, k, s } = r.pick(places());
    const others = B.map((_, x) => x).filter((x) => x !== i);
    B[i]!.paragraphs[j]!.splice(k, 1);
    const para = r.pick(B[r.pick(others)]!.paragraphs);
    para.splice(r.int(0, para.length), 0, s);
    moved.push(s);
    touched.add(s);
  }
  for (let n = r.int(1, 2); n > 0; n--) {
    const long = places().filter((x) => x.s.length >= 30);
    if (!long.length) break;
    const { i, j, k, s } = r.pick(long);
    // Two characters in the middle replaced: likeness stays near 0.9.
    const at = Math.floor(s.length / 2);
    const e = s.slice(0, at) + r.words(2) + s.slice(at + 2);
    if (e === s) continue;
    B[i]!.paragraphs[j]![k] = e;
    edited.push([s, e]);
    touched.add(s).add(e);
  }
  return {
    a: blocksOf(opening, parts),
    b: blocksOf(opening, B),
    deleted,
    inserted,
    moved,
    edited,
    numbered,
  };
}

/** Every unit of each side is in exactly one row, and the rows read each text in order. */
function expectComplete(al: Alignment) {
  for (const side of [0, 1] as const) {
    const seen = al.rows.flatMap((row) => {
      const u = side ? (row as { b?: { i: number } }).b : (row as { a?: { i: number } }).a;
      return u ? [u.i] : [];
    });
    expect(seen).toEqual(al.units[side].map((u) => u.i));
  }
}

/** Oracles: per region, the unchanged sentences are a longest common subsequence; char diffs are minimal. */
function expectOracle(al: Alignment) {
  for (const g of al.regions) {
    const keys = (side: 0 | 1, list: number[]) =>
      al.units[side].filter((u) => list.includes(u.section)).map((u) => u.text.replace(/\s+/gu, ''));
    const same = al.rows.slice(g.from, g.to).filter((r) => r.kind === 'same').length;
    expect(same).toBe(lcsLength(keys(0, g.a), keys(1, g.b)));
  }
  for (const r of al.rows) {
    const out = r.kind === 'in' ? al.rows[r.peer] : undefined;
    const pair =
      r.kind === 'changed'
        ? { a: r.a.text, b: r.b.text, parts: r.parts }
        : r.kind === 'in' && r.parts && out?.kind === 'out'
          ? { a: out.a.text, b: r.b.text, parts: r.parts }
          : null;
    if (!pair) continue;
    const { a, b, parts } = pair;
    const join = (keep: (p: Change) => boolean) =>
      parts
        .filter(keep)
        .map((p) => p.value)
        .join('');
    expect(join((p) => !p.added)).toBe(a);
    expect(join((p) => !p.removed)).toBe(b);
    // Characters, but a number is one token (src/compare/align.ts diffText).
    const tokens = (t: string) => t.match(/[0-9０-９.．%％]+|[\s\S]/gu) ?? [];
    const common = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + tokens(p.value).length, 0);
    expect(common).toBe(lcsLength(tokens(a), tokens(b)));
  }
  for (const r of al.rows)
    if (r.kind === 'out') {
      const peer = al.rows[r.peer]!;
      expect(peer.kind).toBe('in');
      const b = (peer as Extract<Row, { kind: 'in' }>).b.text;
      if (b !== r.a.text) expect(diceOf(r.a.text, b)).toBeGreaterThanOrEqual(MOVED);
    }
}

const rowsOf = (al: Alignment, kind: Row['kind']) => al.rows.filter((r) => r.kind === kind);
const textA = (r: Row) => ('a' in r ? r.a.text : '');
const textB = (r: Row) => ('b' in r ? r.b.text : '');

describe('aligning two speeches', () => {
  it('finds exactly the sentences inserted, deleted, moved and edited, and the changed number', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const p = pair(seed);
        const al = align(p.a, p.b);
        expectComplete(al);
        expectOracle(al);
        expect(rowsOf(al, 'del').map(textA).sort()).toEqual([...p.deleted].sort());
        expect(rowsOf(al, 'ins').map(textB).sort()).toEqual([...p.inserted].sort());
        expect(rowsOf(al, 'out').map(textA).sort()).toEqual([...p.moved].sort());
        for (const r of rowsOf(al, 'out'))
          expect(al.rows[(r as { peer: number }).peer]).toMatchObject({ kind: 'in', parts: null });
        const changed = rowsOf(al, 'changed').map((r) => [textA(r), textB(r)]);
        expect(changed.filter(([a]) => !a!.includes('5%左右')).sort()).toEqual([...p.edited].sort());
        expect(numberChanges(al).map((c) => [c.label, c.a, c.b])).toEqual(p.numbered);
        // Everything else is unchanged; the parts are matched one to one.
        const untouched = al.units[0].length - p.deleted.length - p.moved.length - p.edited.length - 1;
        expect(rowsOf(al, 'same')).toHaveLength(untouched);
        expect(al.regions.every((g) => g.a.length === 1 && g.b.length === 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every sentence in order and a longest common run on unrelated texts', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (s1, s2) => {
        const al = align(pair(s1).a, pair(s2).b);
        expectComplete(al);
        expectOracle(al);
      }),
      { numRuns: 30 },
    );
  });

  it('meets a part split in two, or a heading reworded, with its text', () => {
    const r = random(7);
    const para = () => Array.from({ length: 4 }, () => `${r.words(30)}。`).join('');
    const one = para();
    const two = para();
    const three = para();
    const a: Block[] = [
      { id: 's1', depth: 1, text: '一、总体要求' },
      { id: 'p1', depth: 0, text: one },
      { id: 'p2', depth: 0, text: two },
      { id: 's2', depth: 1, text: '二、重点任务' },
      { id: 'p3', depth: 0, text: three },
    ];
    const b: Block[] = [
      { id: 's1', depth: 1, text: '一、总的要求' },
      { id: 'p1', depth: 0, text: one },
      { id: 's2', depth: 1, text: '二、政策取向' },
      { id: 'p2', depth: 0, text: two },
      { id: 's3', depth: 1, text: '三、重点任务' },
      { id: 'p3', depth: 0, text: three },
    ];
    const al = align(a, b);
    expectComplete(al);
    expectOracle(al);
    expect(al.rows.filter((x) => x.kind !== 'same').map((x) => [x.kind, textA(x), textB(x)])).toEqual([
      ['changed', '一、总体要求', '一、总的要求'],
      ['ins', '', '二、政策取向'],
      ['changed', '二、重点任务', '三、重点任务'],
    ]);
    expect(al.regions.map((g) => [g.a, g.b])).toEqual([
      [[0], [0, 1]],
      [[1], [2]],
    ]);
  });
});
