import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Paragraph } from 'mdast';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import formats from 'ajv-formats';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { convertCollection } from '../../src/collection/convert.ts';
import { ExportError, writeExports } from '../../src/collection/exports.ts';
import { ReuseError } from '../../src/collection/reuse.ts';
import { xmlSafe } from '../../src/exports/docx-library.ts';
import { markdownNodes, markdownProcessor, speechMarkdown, speechText } from '../../src/exports/text.ts';
import type { RenderBlock } from '../../src/schemas/generated.ts';
import { speechJsonSchema, type SpeechExport } from '../../src/schemas/export.ts';
import { scratchProject } from '../helpers/project.ts';

/** The downloads (src/collection/exports.ts) of scratch collections, read back by real parsers. */
const SPEECH = (n: number, extra = '') =>
  `在全县第${n}次廉政工作会议上的讲话\n同志们：\n今天召开会议，研究部署全县党风廉政建设。${extra}\n一、提高认识\n要深化“放管服”改革，优化营商环境。\n（一）抓学习。\n1. 先学一步\n要学深悟透。\n二、狠抓落实\n同志们，让我们共同努力。\n`;

async function collection(files: Record<string, string>): Promise<string> {
  const root = scratchProject(files, ['cleaning.yaml', 'taxonomy.yaml', 'glossary.yaml']);
  expect((await convertCollection(root)).errors).toEqual([]);
  return root;
}

const validator = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: its function is the default export's `default`.
  (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
  return ajv.compile(speechJsonSchema('https://example.org/data/speech.schema.json'));
};

describe('plain text and Markdown', () => {
  const hostile: RenderBlock[] = [
    { id: 'p1', role: 'salutation', text: '同志们：' },
    { id: 's1', depth: 1, text: '# 一、加强 `x` [a](b) <script>alert(1)</script>' },
    { id: 'p2', text: '1. 不是列表 * 也不是强调 * &amp; _x_ \\ {y} ---' },
    { id: 's1-1', depth: 2, text: '（一）第二层' },
    { id: 's1-1-1-1-1-1', depth: 6, text: '第六层' },
  ];
  const meta = { title: '政府*工作*报告 <b>', titleDerived: false };

  it('plain text: the title, an empty line, then every block on its own line, as written', () => {
    expect(speechText({ meta, blocks: hostile })).toBe(`${meta.title}\n\n${hostile.map((b) => b.text).join('\n')}\n`);
    expect(speechText({ meta: { ...meta, titleDerived: true }, blocks: [] })).toBe(`${meta.title}（编者拟题）\n\n`);
  });

  it('Markdown reads back as the same blocks, in order: headings one level below the title, text as text', () => {
    const tree = unified()
      .use(remarkParse)
      .parse(speechMarkdown({ meta, blocks: hostile }));
    const read = tree.children.map((n) => [n.type === 'heading' ? n.depth : 0, toString(n as Paragraph)]);
    expect(read).toEqual([
      [1, meta.title],
      ...hostile.map((b) => [b.depth === undefined || b.depth >= 6 ? 0 : b.depth + 1, b.text]),
    ]);
    // Nothing became markup: no links, code, lists or HTML.
    const types = new Set<string>();
    const walk = (n: { type: string; children?: unknown[] }) => {
      types.add(n.type);
      for (const c of (n.children ?? []) as Array<{ type: string }>) walk(c);
    };
    walk(tree);
    expect([...types].sort()).toEqual(['heading', 'paragraph', 'root', 'strong', 'text']);
  });

  it('Markdown is what remark-stringify writes for the whole tree, for any blocks', () => {
    // Text as it is where Markdown reads it as text, and each character it escapes somewhere: at
    // a line's start or end, after digits, before letters, next to others.
    const chars = [
      ...'政府。，“”（）：、%,./:;?1a0Z', // written as they are
      ...' \t\n\r\u3000\u00a0\u0085\ufeff\u0000', // whitespace and controls
      ...'\u200b\u00ad\u2060\ue000', // invisible, but not whitespace
      ...'!"#$&\'()*+-<=>@[\\]^_`{|}~', // ASCII punctuation Markdown may read
      '😀',
      '\uD800',
    ];
    const unit = fc.constantFrom(...chars);
    const block = fc.record({
      depth: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      text: fc.oneof(fc.string({ unit, maxLength: 8 }), fc.constantFrom('1.', '12)', '1.5%', '1. 先', '一、', '')),
    });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), fc.string({ unit, maxLength: 6 }), (blocks, title) => {
        const input = {
          meta: { title, titleDerived: false },
          blocks: blocks.map((b, i) => ({ id: `p${i + 1}`, ...b })),
        };
        expect(speechMarkdown(input)).toBe(
          markdownProcessor.stringify({ type: 'root', children: markdownNodes(input) }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('Word text drops only what XML cannot hold, one U+FFFD each, and keeps pairs and the rest', () => {
    expect(xmlSafe('a\u0001b\uFFFFc😀d\uD800e\t\n')).toBe('a\uFFFDb\uFFFDc😀d\uFFFDe\t\n');
  });
});

describe('writeExports', () => {
  it('writes every download, valid JSON against the schema, and JSON Lines of the same documents', async () => {
    const root = await collection({ 'a.txt': SPEECH(1), 'b.txt': SPEECH(2) });
    const r = await writeExports(root);
    expect(r).toMatchObject({ written: 2, unchanged: 0 });
    const validate = validator();
    const index = JSON.parse(readFileSync(join(root, '.generated/exports/data/index.json'), 'utf8')) as {
      speeches: number;
      parts: Array<{ url: string; speeches: number }>;
    };
    expect(index.speeches).toBe(2);
    const lines = index.parts.flatMap((p) =>
      readFileSync(join(root, '.generated/exports', new URL(p.url).pathname), 'utf8')
        .trimEnd()
        .split('\n'),
    );
    expect(lines.length).toBe(2);
    for (const line of lines) {
      const doc = JSON.parse(line) as SpeechExport;
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      const dir = join(root, '.generated/exports/speeches', doc.slug);
      // The file for one speech is the line for it.
      expect(readFileSync(join(dir, `${doc.slug}.json`), 'utf8')).toBe(line);
      for (const ext of ['docx', 'txt', 'md'])
        expect(statSync(join(dir, `${doc.slug}.${ext}`)).size).toBeGreaterThan(0);
      expect(doc.blocks.map((b) => b.url)).toEqual(doc.blocks.map((b) => `${doc.id}#${b.id}`));
    }
    // A document that breaks the schema is refused by it (the schema is not vacuous).
    const doc = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(validate({ ...doc, extra: 1 })).toBe(false);
    expect(validate({ ...doc, blocks: [{ id: 'p1', type: 'paragraph', text: 'x' }] })).toBe(false);
  });

  it('makes a speech’s files again only when its inputs change, and removes those of a removed speech', async () => {
    const root = await collection({ 'a.txt': SPEECH(1), 'b.txt': SPEECH(2) });
    await writeExports(root);
    const docx = (slug: string) => join(root, '.generated/exports/speeches', slug, `${slug}.docx`);
    const before = statSync(docx('a')).mtimeMs;
    expect(await writeExports(root)).toMatchObject({ written: 0, unchanged: 2 });
    expect(statSync(docx('a')).mtimeMs).toBe(before);
    writeFileSync(join(root, 'content/speeches/b.txt'), SPEECH(2, '会议很重要。'));
    rmSync(join(root, 'content/speeches/a.txt'));
    expect((await convertCollection(root)).errors).toEqual([]);
    expect(await writeExports(root)).toMatchObject({ written: 1, unchanged: 0 });
    expect(existsSync(join(root, '.generated/exports/speeches/a'))).toBe(false);
    expect(readFileSync(join(root, '.generated/exports/speeches/b/b.txt'), 'utf8')).toContain('会议很重要。');
  });

  it('a file that cannot be written is one line naming the speech, and the build stops with it', async () => {
    const root = await collection({ 'a.txt': SPEECH(1) });
    await writeExports(root);
    // Where the speech's folder should be, a file: the folder cannot be made.
    rmSync(join(root, '.generated/exports/speeches/a'), { recursive: true });
    writeFileSync(join(root, '.generated/exports/speeches/a'), '');
    const error = await writeExports(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(/^content\/speeches\/a\.txt: downloads not written \(E[A-Z]+\b[^\n]*\)$/u);
    const r = spawnSync(process.execPath, [resolve('scripts/build.ts'), '--root', root], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^convert: content\/speeches\/a\.txt: downloads not written \(.+\); nothing built$/u),
    ]);
    expect(r.stdout).not.toContain('phase astro start');
    expect(r.stdout).not.toContain('[yanlu] built');
  });

  it('stops as soon as the reuse pass beside it fails, and a failure of its own ends the pass', async () => {
    const root = await collection({ 'a.txt': SPEECH(1), 'b.txt': SPEECH(2) });
    // Where the reuse pass writes its files, a file: the pass fails. Work beside it that would
    // wait for ever unless stopped is stopped, and the pass's own failure is what is thrown.
    rmSync(join(root, '.generated/data/shared'), { recursive: true });
    writeFileSync(join(root, '.generated/data/shared'), '');
    let stopped = false;
    const waits = (_: unknown, __: unknown, signal: AbortSignal) =>
      new Promise<void>((done) =>
        signal.addEventListener('abort', () => {
          stopped = true;
          done();
        }),
      );
    const error = await convertCollection(root, { force: true, meanwhile: waits }).catch((e: unknown) => e);
    expect(stopped).toBe(true);
    expect(error).toBeInstanceOf(ReuseError);
    expect((error as Error).message).toMatch(/^the reuse pass could not read or write its files \(E[A-Z]+\b[^\n]*\)$/u);
    // The downloads given that signal stop with the same reason, writing no speech.
    const gone = new AbortController();
    gone.abort(error);
    expect(await writeExports(root, { force: true, signal: gone.signal }).catch((e: unknown) => e)).toBe(error);
    // The CLI: the pass's one line, at once, as a problem of the machine (exit 2), not a bug.
    const cli = () =>
      spawnSync(process.execPath, [resolve('scripts/convert.ts'), '--root', root, '--force'], { encoding: 'utf8' });
    const failed = cli();
    expect(failed.status).toBe(2);
    expect(failed.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^convert: the reuse pass could not read or write its files \(E[A-Z]+.*\); nothing built$/u,
      ),
    ]);
    // And the other way round: the work beside the pass fails, the pass is ended, and it is the
    // work's failure that is thrown (the CLI gives the downloads' one line, exit 2).
    rmSync(join(root, '.generated/data/shared'));
    const boom = new ExportError('content/speeches/a.txt: downloads not written (EACCES)');
    let given: AbortSignal | undefined;
    const fails = (_: unknown, __: unknown, signal: AbortSignal) => {
      given = signal;
      return Promise.reject(boom);
    };
    expect(await convertCollection(root, { force: true, meanwhile: fails }).catch((e: unknown) => e)).toBe(boom);
    expect(given?.aborted).toBe(true);
    const r = spawnSync(process.execPath, [resolve('scripts/convert.ts'), '--root', root, '--force'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
