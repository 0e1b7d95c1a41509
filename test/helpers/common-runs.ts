/**
 * Brute force over two canonical texts (`\0` breaks a run): the longest run they have in common,
 * and the positions of `x` inside some common run of at least `min` characters. Quadratic, for
 * tests only: the oracle the reuse pass (src/collection/passages.ts) is checked against.
 */
export function commonRuns(x: string, y: string, min: number): { longest: number; covered: number[] } {
  let longest = 0;
  const covered = new Set<number>();
  const prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    let diag = 0;
    for (let j = 1; j <= y.length; j++) {
      const keep = prev[j]!;
      prev[j] = x[i - 1] === y[j - 1] && x[i - 1] !== '\0' ? diag + 1 : 0;
      longest = Math.max(longest, prev[j]!);
      if (prev[j]! >= min) for (let k = i - prev[j]!; k < i; k++) covered.add(k);
      diag = keep;
    }
  }
  return { longest, covered: [...covered] };
}
