import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertCollection, PARALLEL_FROM } from '../../src/collection/convert.ts';
import { scratchProject } from '../helpers/project.ts';

/** Every file the first step writes, by path: MDX, text and the collection's metadata. */
function written(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of ['.generated/speeches', '.generated/data/text'])
    for (const f of readdirSync(join(root, dir)).sort()) out[`${dir}/${f}`] = readFileSync(join(root, dir, f), 'utf8');
  out['speeches.json'] = readFileSync(join(root, '.generated/data/speeches.json'), 'utf8');
  return out;
}

describe('the first step on worker threads', () => {
  it('converts as the main thread does: the same files, the same order, the same one-line errors', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < PARALLEL_FROM + 6; i++)
      files[`${String(i).padStart(3, '0')}.txt`] =
        `在全县第${i}次廉政工作会议上的讲话\n（${2000 + (i % 20)}年3月${1 + (i % 28)}日）\n同志们：\n一、提高认识\n要深化“放管服”改革，第${i}项任务。\n（一）抓学习。\n二、狠抓落实\n`;
    // Bad input among them: an empty file, binary bytes, and two speeches claiming one slug.
    files['900-empty.txt'] = '';
    files['901-binary.txt'] = '\u0000\u0001\u0002\u0003';
    files['902-a.txt'] = '在某会议上的讲话\n同志们：\n甲。\n';
    files['902-a.yaml'] = 'slug: same-slug\n';
    files['903-b.txt'] = '在另一会议上的讲话\n同志们：\n乙。\n';
    files['903-b.yaml'] = 'slug: same-slug\n';
    const inline = scratchProject(files);
    const threads = scratchProject(files);
    const a = await convertCollection(inline, { workers: 0 });
    const b = await convertCollection(threads, { workers: 2 });
    // The threads did the work (the comparison below would pass if neither path used them).
    expect(a.threads).toBe(0);
    expect(b.threads).toBe(2);
    expect(b.errors).toEqual(a.errors);
    expect(a.errors.length).toBe(3);
    expect(b.converted).toEqual(a.converted);
    expect(written(threads)).toEqual(written(inline));
    // Nothing is left in the staging folder.
    expect(readdirSync(join(threads, '.generated')).filter((f) => f.startsWith('staging'))).toEqual([]);
  });
});
