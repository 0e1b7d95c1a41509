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
 * Decode the bytes of a `.txt` speech. A BOM decides; otherwise valid UTF-8 is UTF-8; otherwise
 * GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese `.txt`) when the bytes
 * read as common Chinese characters in it. A file clean in neither (UTF-8 with stray bytes,
 * bytes that would be mojibake) is refused, naming the line. The WHATWG `gbk` label decodes as
 * GB18030 anyway; we name GB18030 to say what we mean.
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
  const utf8 = utf8Evidence(bytes);
  if (utf8.invalid === 0) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  let gb: string | null;
  try {
    gb = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    gb = null;
  }
  // Evidence, not order: GBK text is mostly the 3,755 common characters of GB2312 level 1 (lead
  // bytes B0–D7: about 0.9 of the characters of simplified text, 0.57 of traditional text);
  // UTF-8 Chinese read as GB18030 is mostly rare characters and symbols (鍦ㄥ幙…: about 0.1).
  // A UTF-8 file with a stray byte must not pass as GB18030 and publish mojibake.
  const common = gbCommonShare(bytes);
  if (gb !== null && common >= 0.35 && !(utf8.valid > 20 * utf8.invalid)) return { text: gb, encoding: 'gb18030' };
  const line = lineAt(bytes, utf8.firstInvalid);
  if (utf8.valid > 20 * utf8.invalid) {
    throw new InputError(
      `not clean text: UTF-8 but for ${utf8.invalid} invalid byte(s), the first on line ${line}; fix them or save the file again as UTF-8`,
    );
  }
  throw new InputError(
    gb === null
      ? `not text in a known encoding (neither UTF-8 nor GB18030; first bad byte on line ${line})`
      : 'not text in a known encoding (GB18030 would read it as rare characters: mojibake, not Chinese)',
  );
}

/** Valid multi-byte UTF-8 sequences and invalid bytes (strict: no overlongs, no surrogates). */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < bytes.length + 0;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && need === 2) {
      const b1 = bytes[i + 1]!;
      ok = !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 >= 0xa0);
    }
    if (ok && need === 3) {
      const b1 = bytes[i + 1]!;
      ok = !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 >= 0x90);
    }
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { valid, invalid, firstInvalid };
}

/** Of the two-byte GB sequences in the bytes, the share that are GB2312 level-1 characters. */
function gbCommonShare(bytes: Uint8Array): number {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i + 1 < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x81 || b === 0xff) {
      i++;
      continue;
    }
    const t = bytes[i + 1]!;
    if (t >= 0x30 && t <= 0x39) {
      i += 4; // a four-byte GB18030 sequence: never a common character
      pairs++;
      continue;
    }
    pairs++;
    if (b >= 0xb0 && b <= 0xd7 && t >= 0xa1 && t <= 0xfe) common++;
    i += 2;
  }
  return pairs === 0 ? 0 : common / pairs;
}

/** 1-based line number of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
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
