import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProject } from '../helpers/project.ts';

/**
 * `npm run build` on a scratch collection: exit 0 only with the whole site; any failure, bad
 * input or a search indexer that dies, is one clear line and exit 1.
 */
const GOOD = (n: number) =>
  `在全县第${n}次廉政工作会议上的讲话\n同志们：\n今天召开会议，研究部署全县党风廉政建设。\n一、提高认识\n要深化“放管服”改革，优化营商环境。\n二、狠抓落实\n同志们，让我们共同努力。\n`;

const project = (files: Record<string, string | Uint8Array>) =>
  scratchProject(files, ['cleaning.yaml', 'taxonomy.yaml', 'glossary.yaml']);

const build = (root: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [resolve('scripts/build.ts'), '--root', root], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

/** A stand-in for Pagefind's binary that dies as an indexer killed for memory would. */
function dyingIndexer(how: 'itself' | 'parent'): string {
  const dir = mkdtempSync(join(tmpdir(), 'yanlu-pagefind-'));
  const bin = join(dir, 'pagefind');
  writeFileSync(bin, how === 'itself' ? '#!/bin/sh\nkill -9 $$\n' : '#!/bin/sh\nkill -9 $PPID\n');
  chmodSync(bin, 0o755);
  return bin;
}

describe('build', () => {
  it('builds the whole site and says so', () => {
    const root = project({ 'a.txt': GOOD(1), 'b.txt': GOOD(2) });
    const r = build(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[yanlu\] phase convert done \d+ms/u);
    expect(r.stdout).toContain('[yanlu] built 2 speeches');
    for (const f of ['index.html', 'search/meta.json', 'search/t2s.json', 'pagefind/pagefind-entry.json'])
      expect(existsSync(join(root, 'dist', f)), f).toBe(true);
  });

  it('names each broken file once, in one line, converts every good one, and exits 1', () => {
    const root = project({
      'a.txt': GOOD(1),
      'b.txt': GOOD(2),
      'empty.txt': '',
      'binary.txt': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d),
    });
    const r = build(root);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'content/speeches/binary.txt: not text (binary data)',
      'content/speeches/empty.txt: empty file',
      'build: the input problems above stop the build; nothing built',
    ]);
    expect(r.stdout).toContain('2 converted');
    expect(existsSync(join(root, '.generated/speeches/a.mdx'))).toBe(true);
  });

  it.each(['itself', 'parent'] as const)(
    'fails with one line when the search indexer dies (kills %s), never reporting a site without search',
    (how) => {
      const root = project({ 'a.txt': GOOD(1) });
      const bin = dyingIndexer(how);
      const r = build(root, { PAGEFIND_BINARY_PATH: bin, PAGEFIND_EXTENDED_BINARY_PATH: bin });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^build: Pagefind's (?:indexer stopped|index was killed).*dist\/ is incomplete$/u);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
      expect(r.stdout).not.toContain('[yanlu] built');
      expect(existsSync(join(root, 'dist/pagefind'))).toBe(false);
    },
  );
});
