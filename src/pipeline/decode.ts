import { InputError } from './errors.ts';

/** Encodings the decoder recognises, as recorded in front matter. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Line-end conventions found in the source, as recorded in front matter. */
export type LineEnding = 'lf' | 'crlf' | 'cr' | 'crcrlf' | 'mixed' | 'none';

export interface Decoded {
  /** The text with every line end turned into `\n`. */
  text: string;
  encoding: Encoding;
  lineEnding: LineEnding;
}

/**
 * Decode the bytes of a `.txt` speech. Order matters: a BOM decides; otherwise strict UTF-8, and
 * GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese `.txt`) as fallback.
 * The WHATWG `gbk` label decodes as GB18030 anyway; we name GB18030 to say what we mean.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new InputError('empty file');
  const { text, encoding } = decodeBytes(bytes);
  if (looksBinary(text)) throw new InputError('not text (binary data)');
  return { text: normaliseLineEnds(text), encoding, lineEnding: detectLineEnding(text) };
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return { text: strict('utf-8', bytes.subarray(3), 'UTF-8 with BOM'), encoding: 'utf-8-bom' };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { text: strict('utf-16le', bytes.subarray(2), 'UTF-16 LE'), encoding: 'utf-16le' };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { text: strict('utf-16be', bytes.subarray(2), 'UTF-16 BE'), encoding: 'utf-16be' };
  }
  // NUL bytes never occur in UTF-8 or GB18030 text; they mean binary data (or UTF-16 without BOM).
  if (bytes.includes(0)) throw new InputError('not text (binary data)');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new InputError('not text (neither UTF-8 nor GB18030)');
    }
  }
}

function strict(label: string, bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`not valid ${name} text despite its byte-order mark`);
  }
}

/**
 * Random bytes often decode as GB18030 without error; what gives them away is a share of control
 * characters that no text has. Tabs, line ends and form feeds are allowed.
 */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let controls = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  return controls > 0 && controls / text.length > 0.01;
}

/** `\r\r\n` (a CRLF file saved again by a tool that turned `\n` into `\r\n`) is one line end. */
export function normaliseLineEnds(text: string): string {
  return text.replace(/\r+\n|\r/g, '\n');
}

function detectLineEnding(text: string): LineEnding {
  const kinds = new Set<LineEnding>();
  for (const m of text.matchAll(/\r+\n|\r|\n/g)) {
    const s = m[0];
    kinds.add(s === '\n' ? 'lf' : s === '\r\n' ? 'crlf' : s === '\r' ? 'cr' : 'crcrlf');
    if (kinds.size > 1) return 'mixed';
  }
  return [...kinds][0] ?? 'none';
}
