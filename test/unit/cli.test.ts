import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProject } from '../helpers/project.ts';

/** `npm run convert` on a scratch project: what a user sees for good and bad input. */
const script = resolve('scripts/convert.ts');
const project = (files: Record<string, string | Uint8Array>) => scratchProject(files);
const convert = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [script, '--root', root, ...args], { encoding: 'utf8' });

const GOOD = '在全县廉政工作会议上的讲话\n同志们：\n今天召开会议。\n';
const ADS = readFileSync('content/speeches/001_9170ef88762d458e.txt', 'utf8').split('\n').slice(0, 14).join('\n');

describe('convert CLI', () => {
  it('reports each bad file in one line, converts the rest, and exits 1', () => {
    const root = project({
      'empty.txt': '',
      'blank.txt': ' \n\u3000\n',
      'binary.txt': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52),
      'ads.txt': `${ADS}\n酷乐文行整理，咨询QQ206157060\n`,
      'good.txt': GOOD,
    });
    const r = convert(root);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'content/speeches/ads.txt: only advertising, no speech text',
      'content/speeches/binary.txt: not text (binary data)',
      'content/speeches/blank.txt: empty file (only whitespace)',
      'content/speeches/empty.txt: empty file',
    ]);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/u); // no stack trace
    expect(r.stdout).toContain('1 converted, 0 unchanged, 0 removed, 4 failed');
    expect(readdirSync(join(root, '.generated/speeches'))).toEqual(['good.mdx']);
  });

  it('converts again only what changed, and removes output of deleted sources', () => {
    const root = project({ 'a.txt': GOOD, 'b.txt': GOOD.replace('全县', '全市') });
    expect(convert(root).stdout).toContain('2 converted, 0 unchanged');
    expect(convert(root).stdout).toContain('0 converted, 2 unchanged');
    writeFileSync(join(root, 'content/speeches/b.txt'), GOOD.replace('全县', '全省'));
    expect(convert(root).stdout).toContain('1 converted, 1 unchanged');
    execFileSync('rm', [join(root, 'content/speeches/a.txt')]);
    expect(convert(root).stdout).toContain('0 converted, 1 unchanged, 1 removed');
    expect(existsSync(join(root, '.generated/speeches/a.mdx'))).toBe(false);
  });

  it('applies a sidecar and rejects one with an unknown field, naming the file', () => {
    const root = project({
      'a.txt': GOOD,
      'a.yaml': 'slug: my-speech\nlevel: 市\n',
      'b.txt': GOOD,
      'b.yaml': 'titel: x\n',
    });
    const r = convert(root);
    expect(r.stderr.trim()).toMatch(/^content\/speeches\/b\.yaml: .*titel/u);
    const mdx = readFileSync(join(root, '.generated/speeches/my-speech.mdx'), 'utf8');
    expect(mdx).toContain('level: 市');
    expect(mdx).toMatch(/overridden:\n\s+- level\n\s+- slug/u);
  });

  it('gives files in sub-folders, with spaces or Han characters, clean distinct slugs', () => {
    const root = project({ '2020/在会议上的讲话.txt': GOOD, '2021/在会议上的讲话.txt': GOOD, 'my speech.txt': GOOD });
    expect(convert(root).status).toBe(0);
    expect(readdirSync(join(root, '.generated/speeches')).sort()).toEqual([
      '2020-zai-hui-yi-shang-de-jiang-hua.mdx',
      '2021-zai-hui-yi-shang-de-jiang-hua.mdx',
      'my-speech.mdx',
    ]);
  });

  it('reports unreadable sources and sidecars in one line, and survives a damaged manifest', () => {
    const root = project({ 'a.txt': GOOD, 'b.txt': GOOD });
    mkdirSync(join(root, 'content/speeches/b.yaml'));
    mkdirSync(join(root, '.generated'), { recursive: true });
    writeFileSync(join(root, '.generated/manifest.json'), '{ not json');
    const r = convert(root);
    expect(r.stderr.trim()).toBe('content/speeches/b.yaml: cannot read (EISDIR)');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    expect(r.stdout).toContain('1 converted');
  });

  it('names files relative to the project even with a relative --root', () => {
    const root = project({ 'a.txt': '', 'b.txt': GOOD, 'b.yaml': 'slug: Not Ascii\n' });
    const r = spawnSync(process.execPath, [script, '--root', relative(process.cwd(), root)], { encoding: 'utf8' });
    expect(r.stderr.trim().split('\n')).toEqual([
      'content/speeches/a.txt: empty file',
      expect.stringMatching(/^content\/speeches\/b\.yaml: slug: /u),
    ]);
  });

  it('refuses a sidecar title for a speech that has a title line', () => {
    const root = project({ 'a.txt': GOOD, 'a.yaml': 'title: 另一个标题\n' });
    expect(convert(root).stderr.trim()).toBe(
      'content/speeches/a.txt: has a title line (在全县廉政工作会议上的讲话); a sidecar title is only for speeches without one',
    );
  });

  it('stops on a note whose quote no longer matches, in one line naming file, note and reason', () => {
    const root = project({ 'a.txt': GOOD });
    mkdirSync(join(root, 'content/annotations'));
    const note = (exact: string) => `speech: a\nnotes:\n  - kind: correction\n    exact: ${exact}\n    body: x\n`;
    writeFileSync(join(root, 'content/annotations/a.yaml'), note('召开会议'));
    expect(convert(root).status).toBe(0);
    writeFileSync(join(root, 'content/annotations/a.yaml'), note('不存在'));
    const r = convert(root);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'content/annotations/a.yaml: note 1 (“不存在”): quote not found in the speech; fix exact/prefix/suffix',
    );
    writeFileSync(join(root, 'content/annotations/b.yaml'), note('x'));
    expect(convert(root).stderr).toContain('content/annotations/b.yaml: no speech content/speeches/b.txt');
  });

  it('refuses two sources that want the same slug', () => {
    const root = project({ 'a.txt': GOOD, 'a.yaml': 'slug: same\n', 'b.txt': GOOD, 'b.yaml': 'slug: same\n' });
    const r = convert(root);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'content/speeches/b.txt: slug "same" is already used by content/speeches/a.txt; set another `slug` in content/speeches/b.yaml',
    );
  });

  it('refuses symbolic links that leave content/, follows those inside it, and ends link loops', () => {
    const root = project({ 'good.txt': GOOD });
    const outside = mkdtempSync(join(tmpdir(), 'yanlu-outside-'));
    writeFileSync(join(outside, 'secret.txt'), '在外面的讲话\n同志们：\n机密。\n');
    const speeches = join(root, 'content/speeches');
    symlinkSync('/etc/passwd', join(speeches, 'passwd.txt'));
    symlinkSync(outside, join(speeches, 'linked'));
    mkdirSync(join(speeches, 'loop'));
    symlinkSync('..', join(speeches, 'loop/up'));
    symlinkSync(join(speeches, 'good.txt'), join(speeches, 'alias.txt'));
    const r = convert(root);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `content/speeches/linked: symbolic link leaves content/ (to ${realpathSync(outside)}); refused`,
      'content/speeches/passwd.txt: symbolic link leaves content/ (to /etc/passwd); refused',
    ]);
    expect(r.stderr).not.toContain('secret');
    // A link inside content/ is followed (alias.txt is good.txt under another name); the loop ends.
    expect(readdirSync(join(root, '.generated/speeches'))).toEqual(['alias.mdx', 'good.mdx']);
  });
});
