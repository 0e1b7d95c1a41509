/**
 * Brute-force diff oracles for the compare page's tests (issue 14): the length of a longest
 * common subsequence by the textbook quadratic table, for sequences of sentences and of
 * characters. What src/compare/align.ts finds with the `diff` package must be as long.
 */

/** Length of a longest common subsequence of two sequences (O(n·m) table). */
export function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j]!, prev[j - 1]!);
      diag = keep;
    }
  }
  return prev[b.length]!;
}

/** Character bigram Dice likeness of two texts, by brute force over their distinct bigram sets. */
export function diceOf(x: string, y: string): number {
  const grams = (t: string) => new Set(Array.from({ length: Math.max(t.length - 1, 0) }, (_, i) => t.slice(i, i + 2)));
  const a = grams(x);
  const b = grams(y);
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
