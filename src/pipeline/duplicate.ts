/** The cleaning rule name recorded for a second printed copy of the body. */
export const DUPLICATE_RULE = '重复的正文';

/** A repeat shorter than this (characters, whitespace aside) is the speech repeating itself, not a copy. */
const MIN_COPY = 200;
/** How many characters of a line's start identify where a copy may begin. */
const PROBE = 24;

const ink = (s: string) => s.replace(/\s/gu, '');

/**
 * Where a scraped page printed the body twice (whole, or re-wrapped with other line breaks):
 * the index of the first line of the second copy, or -1. The second copy runs to the end and
 * repeats, character for character (whitespace aside), the text from one of the first lines on.
 * Linear: only line starts that repeat the opening of one of the first three lines are tried.
 */
export function secondCopy(lines: ReadonlyArray<{ text: string }>): number {
  const inks = lines.map((l) => ink(l.text));
  const offsets: number[] = [];
  let all = '';
  for (const s of inks) {
    offsets.push(all.length);
    all += s;
  }
  for (let i = 0; i < Math.min(3, lines.length); i++) {
    const probe = all.slice(offsets[i], offsets[i]! + PROBE);
    if (probe.length < 4) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const at = offsets[j]!;
      const rest = all.length - at;
      if (rest < MIN_COPY || at - offsets[i]! < rest) continue;
      if (!all.startsWith(probe, at)) continue;
      if (all.startsWith(all.slice(at), offsets[i])) return j;
    }
  }
  return -1;
}
