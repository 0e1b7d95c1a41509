import { describe, expect, it } from 'vitest';
import { decode, normaliseLineEnds } from '../../src/pipeline/decode.ts';
import { InputError } from '../../src/pipeline/errors.ts';

// Node has no GB18030 encoder; these are the GBK bytes of 讲话.
const JIANGHUA_GBK = Uint8Array.of(0xbd, 0xb2, 0xbb, 0xb0);

describe('decode', () => {
  it('reads GB18030/GBK when the bytes are not UTF-8', () => {
    expect(decode(JIANGHUA_GBK)).toEqual({ text: '讲话', encoding: 'gb18030', lineEnding: 'none' });
  });

  it('prefers strict UTF-8 when the bytes are valid UTF-8', () => {
    expect(decode(new TextEncoder().encode('讲话\n')).encoding).toBe('utf-8');
  });

  it('reads a four-byte GB18030 sequence (outside GBK)', () => {
    // 0x81 0x30 0x81 0x30 is U+0080 in GB18030; mixed with GBK text.
    const bytes = Uint8Array.of(0xbd, 0xb2, 0x81, 0x30, 0x81, 0x30, 0xbb, 0xb0);
    expect(decode(bytes).text).toBe('讲\u0080话');
  });

  it.each([
    ['a\nb', 'lf'],
    ['a\r\nb', 'crlf'],
    ['a\rb', 'cr'],
    ['a\r\r\nb', 'crcrlf'],
    ['a\nb\r\nc', 'mixed'],
  ])('turns %j into one line end (%s)', (input, kind) => {
    const d = decode(new TextEncoder().encode(input));
    expect(d.lineEnding).toBe(kind);
    expect(d.text.split('\n').length).toBe(input === 'a\nb\r\nc' ? 3 : 2);
  });

  it('keeps blank lines made of two bare CRs', () => {
    expect(normaliseLineEnds('a\r\rb')).toBe('a\n\nb');
  });

  it('rejects an empty file', () => {
    expect(() => decode(new Uint8Array())).toThrow(new InputError('empty file'));
  });

  it('rejects binary data (NUL bytes)', () => {
    expect(() => decode(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))).toThrow(
      'not text (binary data)',
    );
  });

  it('rejects bytes that decode but are mostly control characters', () => {
    const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(() => decode(bytes)).toThrow('not text (binary data)');
  });

  it('rejects a UTF-16 BOM followed by an unpaired surrogate', () => {
    expect(() => decode(Uint8Array.of(0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00))).toThrow('not valid UTF-16 LE text');
  });
});
