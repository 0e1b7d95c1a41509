import { describe, expect, it } from 'vitest';
import { scoreCorpus } from '../../scripts/score-outlines.ts';

/**
 * The converter against real documents with hand-reviewed gold outlines
 * (test/fixtures/outlines/, its README says where they come from and how the gold was made):
 * at least 95 % of the headings found at the right depth, at least 95 % of the headings it emits
 * right, and every document's own title as its title. Adding a document never breaks this test
 * unless the converter gets it wrong.
 */
describe('real documents (test/fixtures/outlines)', () => {
  const { scores, summary } = scoreCorpus('test/fixtures/outlines');

  it('has a corpus worth measuring', () => {
    expect(summary.documents).toBeGreaterThanOrEqual(30);
    expect(summary.errors).toBe(0);
  });

  it('finds at least 95 % of the headings, at the right depth, and emits at least 95 % right ones', () => {
    expect(summary.recall).toBeGreaterThanOrEqual(0.95);
    expect(summary.precision).toBeGreaterThanOrEqual(0.95);
  });

  it("takes each document's own title as its title", () => {
    expect(scores.filter((s) => !s.titleMatch).map((s) => `${s.folder}: ${s.title ?? ''}`)).toEqual([]);
  });
});
