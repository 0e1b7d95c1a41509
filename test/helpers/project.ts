import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scratch collection root in the temporary folder: the project's real rules (`rules`, from
 * content/), and the given files under content/speeches/ (sub-folders allowed).
 */
export function scratchProject(
  files: Record<string, string | Uint8Array>,
  rules: readonly string[] = ['cleaning.yaml', 'taxonomy.yaml'],
): string {
  const root = mkdtempSync(join(tmpdir(), 'yanlu-'));
  mkdirSync(join(root, 'content/speeches'), { recursive: true });
  for (const f of rules) copyFileSync(`content/${f}`, join(root, 'content', f));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(root, 'content/speeches', name, '..'), { recursive: true });
    writeFileSync(join(root, 'content/speeches', name), body);
  }
  return root;
}
