/**
 * The candidate index's vocabulary, shared by the index writer and the browser. Every character
 * (unigram) and every pair of adjacent characters (bigram) of the normalised text is a key, so any
 * substring of one or more characters has candidates; the candidates are then verified against
 * the text. Keys are 32-bit numbers over UTF-16 code units: a unigram is `u << 16`, a bigram
 * `u1 << 16 | u2` (u2 is never 0: text holds no NUL).
 */

/** Key of one code unit. */
export const unigram = (u: number) => (u * 65536) >>> 0;
/** Key of two adjacent code units. */
export const bigram = (u1: number, u2: number) => (u1 * 65536 + u2) >>> 0;

/** Which shard of `shards` (a power of two) holds a key: a multiplicative hash, so keys spread evenly. */
export function shardOf(key: number, shards: number): number {
  let h = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) & (shards - 1);
}

/** Code units that never begin or end a searchable key (space separates query terms). */
export const isGap = (u: number) => u === 0x20 || u === 0x0a;

/**
 * The keys whose postings a term needs: its single code unit, or a handful of its bigrams spread
 * from first to last (every bigram of a short term). Intersecting fewer lists fetches fewer shards;
 * verification removes what the skipped bigrams would have.
 */
export function queryKeys(term: string, max = 4): number[] {
  if (term.length === 1) return [unigram(term.charCodeAt(0))];
  const all: number[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    const a = term.charCodeAt(i);
    const b = term.charCodeAt(i + 1);
    if (!isGap(a) && !isGap(b)) all.push(bigram(a, b));
  }
  if (all.length <= max) return [...new Set(all)];
  const picked = new Set<number>();
  for (let k = 0; k < max; k++) picked.add(all[Math.round((k * (all.length - 1)) / (max - 1))]!);
  return [...picked];
}
