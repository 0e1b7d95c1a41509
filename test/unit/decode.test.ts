import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decode, normaliseLineEnds } from '../../src/pipeline/decode.ts';

const SPEECH = '在县委全会上的讲话\n同志们：\n今天召开会议，研究部署全县经济工作。要坚持稳中求进。\n';
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

  describe('decides the encoding by evidence', () => {
    // 在县委全会上的讲话 … as GBK bytes, and a traditional-character line as GBK.
    const gbk = Uint8Array.from(execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: SPEECH }));
    const traditional = Uint8Array.from(
      execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], {
        input: '在縣委全會上的講話\n同志們：\n今天召開會議，研究部署經濟工作。\n',
      }),
    );

    it('reads GBK text as GB18030, simplified or traditional', () => {
      expect(decode(gbk)).toMatchObject({ text: SPEECH, encoding: 'gb18030' });
      expect(decode(traditional).text).toContain('召開會議');
    });

    it('refuses UTF-8 with one stray byte, naming its line, rather than publish mojibake', () => {
      const utf8 = new TextEncoder().encode(SPEECH);
      const at = utf8.indexOf(0x0a) + 1; // the start of line 2
      const broken = Uint8Array.from([...utf8.subarray(0, at), 0xff, ...utf8.subarray(at)]);
      expect(() => decode(broken)).toThrow(
        new InputError(
          'not clean text: UTF-8 but for 1 invalid byte(s), the first on line 2; fix them or save the file again as UTF-8',
        ),
      );
      // The same with a byte that happens to make the whole file valid GB18030 (鍦ㄥ幙… if read so).
      const odd = Uint8Array.from([...utf8.subarray(0, at), 0xe5, ...utf8.subarray(at)]);
      expect(() => decode(odd)).toThrow(/^not clean text: UTF-8 but for 1 invalid byte/u);
    });
  });
});
