import { execFileSync } from 'node:child_process';

/** One line of text in a PDF as pdftotext -bbox-layout reads it: its words, box in points (y down). */
export interface PdfLine {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  words: Array<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }>;
}

const num = (tag: string, name: string) => Number(new RegExp(`${name}="([-\\d.]+)"`, 'u').exec(tag)![1]);
const unescape = (s: string) =>
  s
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&amp;/gu, '&');

/** Every line of every page of a PDF, in pdftotext's reading order, with its words' boxes. */
export function pdfLines(pdf: string): PdfLine[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines: PdfLine[] = [];
  let page = 0;
  for (const m of xml.matchAll(/<page [^>]*>|<line [^>]*>|<word [^>]*>([^<]*)<\/word>/gu)) {
    const tag = m[0];
    if (tag.startsWith('<page')) page++;
    else if (tag.startsWith('<line'))
      lines.push({
        page,
        xMin: num(tag, 'xMin'),
        yMin: num(tag, 'yMin'),
        xMax: num(tag, 'xMax'),
        yMax: num(tag, 'yMax'),
        words: [],
      });
    else
      lines.at(-1)!.words.push({
        text: unescape(m[1]!),
        xMin: num(tag, 'xMin'),
        yMin: num(tag, 'yMin'),
        xMax: num(tag, 'xMax'),
        yMax: num(tag, 'yMax'),
      });
  }
  return lines;
}

/** Page sizes in points, from pdfinfo. */
export function pdfPages(pdf: string): Array<{ width: number; height: number }> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gu)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** Millimetres in points. */
export const mm = (n: number) => (n / 25.4) * 72;
