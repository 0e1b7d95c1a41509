import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A `.txt` found under the speeches folder, or a reason it cannot be used. */
export type Source = { path: string; error?: undefined } | { path: string; error: string };

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir + sep);

/**
 * Every `*.txt` under `dir`, sorted. Symbolic links are resolved once: a link (to a file or a
 * folder) that leads outside `content/` is refused with a reason, and a folder is walked only
 * the first time it is reached, so a link loop ends. Nothing outside `content/` is ever read.
 */
export function listSources(dir: string, contentRoot: string): Source[] {
  const out: Source[] = [];
  let content: string;
  try {
    realpathSync(dir);
    content = realpathSync(contentRoot);
  } catch {
    return out;
  }
  const walked = new Set<string>();
  const walk = (d: string) => {
    const real = realpathSync(d);
    if (walked.has(real)) return;
    walked.add(real);
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      const isTxt = entry.name.toLowerCase().endsWith('.txt');
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          if (isTxt) out.push({ path, error: 'symbolic link to nothing (broken or a loop)' });
          continue;
        }
        if (!inside(content, target)) {
          if (isTxt || statSync(target, { throwIfNoEntry: false })?.isDirectory())
            out.push({ path, error: `symbolic link leaves content/ (to ${target}); refused` });
          continue;
        }
        const st = statSync(target);
        if (st.isDirectory()) walk(path);
        else if (isTxt && st.isFile()) out.push({ path });
      } else if (entry.isDirectory()) walk(path);
      else if (isTxt && (entry.isFile() || lstatSync(path).isFile())) out.push({ path });
    }
  };
  walk(dir);
  return out.sort((a, b) => (relative(dir, a.path) < relative(dir, b.path) ? -1 : 1));
}
