/**
 * Sentences of Chinese text, for the compare page (issue 14). A sentence ends at 。！？； (and
 * their half-width forms !?;, and the ellipsis ……) together with any closing quotes and brackets
 * right after it (”’」』）》〕】 and their ASCII forms), so `他说：“要这样。”然后` is `他说：“要这样。”`
 * and `然后`. A run of enders (`！？`, `。。`) stays with its sentence. A full stop between digits is
 * not an ender in this script's sense (`.` is never one: 6.5%). The sentences of a text, joined,
 * are the text: nothing is dropped or added.
 */

/**
 * Where a sentence ends: a run of enders (。！？； and !?;, the ellipsis …; the semicolon counts,
 * work reports list their targets with ；), then any closing quotes and brackets.
 */
const END = /[。！？；!?;…]+[”’」』）》〕】〉)"'\]]*/gu;

/** A sentence: [start, end) offsets into the text. */
export type Span = [start: number, end: number];

/** The sentences of `text` as offsets, in order, covering it exactly. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(END)) {
    const end = m.index + m[0].length;
    spans.push([start, end]);
    start = end;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/** The sentences of `text`, as strings. */
export const sentences = (text: string): string[] => sentenceSpans(text).map(([s, e]) => text.slice(s, e));
