import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOSSARY_FILE, loadGlossary, TermMatcher } from '../annotate/glossary.ts';
import { notesFile } from '../annotate/notes.ts';
import { convertSpeech } from '../pipeline/convert.ts';
import { loadCleaningRules, loadTaxonomy, readYaml } from '../pipeline/rules.ts';
import type { RenderBlock, SpeechMeta, SpeechShared, SpeechText } from '../schemas/generated.ts';
import { sidecarSchema, type Speech } from '../schemas/speech.ts';
import { annotateSpeech, renderBlocks } from './annotate.ts';
import {
  baseHash,
  DATA_DIR,
  MANIFEST,
  MDX_DIR,
  newestFirst,
  problem,
  readInput,
  readJson,
  SPEECHES_DIR,
  speechHash,
  speechOf,
  writeJson,
  type ManifestEntry,
} from './convert.ts';

/** What the fast path did with the speeches it was given. */
export interface UpdateReport {
  /** Slugs whose page data was written again. */
  updated: string[];
  /** Problems, one line each, as `npm run convert` prints them. */
  errors: string[];
  /**
   * Some change moves speeches (one added, removed, renamed or re-dated past a neighbour; the
   * rules or glossary unreadable): only the collection pass (convertCollection) can apply it.
   */
  structural: boolean;
}

/** The three files a speech is made from: its text, its sidecar, its notes (root-relative). */
export const speechFiles = (source: string) => [source, source.replace(/\.txt$/iu, '.yaml'), notesFile(source)];

/**
 * The editing loop's fast path (src/integrations/dev-loop.ts): each given speech
 * (`content/speeches/….txt`) whose text, sidecar or notes changed is converted and annotated
 * again, on its own, over what the last collection pass wrote: its MDX, text, marks, metadata,
 * and its shared passages trimmed to the blocks whose text did not change. A speech that keeps
 * its slug and its place in the collection's order needs nothing else at once; whatever sums
 * over the collection (reuse, formulations, term counts, facet counts, the search index) waits
 * for the next collection pass, which the caller runs soon after.
 *
 * A speech that fails keeps its last good version (a bad sidecar: nothing is written), or is
 * written without its notes (a note whose quote no longer occurs), as convertCollection's `keep`
 * does; the problem is reported.
 */
export function updateSpeeches(root: string, sources: readonly string[]): UpdateReport {
  const at = (p: string) => join(root, p);
  const report: UpdateReport = { updated: [], errors: [], structural: false };
  let rules, taxonomy, matcher, base;
  try {
    rules = loadCleaningRules(at('content/cleaning.yaml'));
    taxonomy = loadTaxonomy(at('content/taxonomy.yaml'));
    matcher = new TermMatcher(loadGlossary(at(GLOSSARY_FILE)));
    base = baseHash(root);
  } catch {
    // The collection pass reports it, with everything it stops.
    return { ...report, structural: true };
  }
  const manifest = readJson<Record<string, ManifestEntry>>(at(MANIFEST), {});
  const metas = readJson<Record<string, SpeechMeta>>(at(`${DATA_DIR}/speeches.json`), {});

  for (const file of sources) {
    const prev = manifest[file];
    const old = prev ? metas[prev.slug] : undefined;
    if (!prev || !old || !existsSync(at(file))) {
      report.structural = true;
      continue;
    }
    try {
      const bytes = readInput(at(file));
      const sidecarPath = at(file.replace(/\.txt$/iu, '.yaml'));
      const sidecarBytes = existsSync(sidecarPath) ? readInput(sidecarPath) : null;
      const hash = speechHash(base, bytes, sidecarBytes);
      const oldBlocks = readJson<SpeechText>(at(`${DATA_DIR}/text/${old.slug}.json`), { blocks: [] }).blocks;
      let data: Speech = speechOf(old);
      let blocks = oldBlocks;
      let mdx: string | undefined;
      if (hash !== prev.hash) {
        const sidecar = sidecarBytes ? readYaml(sidecarPath, sidecarSchema) : undefined;
        const name = file.slice(SPEECHES_DIR.length + 1);
        const out = convertSpeech({ file, name, bytes, sidecar, rules, taxonomy });
        ({ data, mdx } = out);
        blocks = renderBlocks(out.blocks);
      }
      if (data.slug !== old.slug || !inPlace(data, old, metas)) {
        report.structural = true;
        continue;
      }
      let annotated;
      try {
        annotated = annotateSpeech(data, blocks, root, matcher);
      } catch (e) {
        report.errors.push(problem(e, root));
        annotated = annotateSpeech(data, blocks, root, matcher, []);
      }
      if (mdx !== undefined) {
        writeFileSync(at(`${MDX_DIR}/${data.slug}.mdx`), mdx);
        writeJson(at(`${DATA_DIR}/text/${data.slug}.json`), { blocks } satisfies SpeechText);
      }
      writeJson(at(`${DATA_DIR}/marks/${data.slug}.json`), annotated.marks);
      keepUnchangedSharing(at(`${DATA_DIR}/shared/${data.slug}.json`), oldBlocks, blocks);
      metas[data.slug] = {
        ...data,
        order: old.order,
        notes: annotated.marks.notes.length,
        newer: old.newer,
        older: old.older,
      };
      manifest[file] = { hash, slug: data.slug };
      report.updated.push(data.slug);
    } catch (e) {
      const msg = problem(e, root);
      report.errors.push(msg.startsWith('content/') ? msg : `${file}: ${msg}`);
    }
  }
  if (report.updated.length) {
    writeJson(at(`${DATA_DIR}/speeches.json`), metas);
    writeJson(at(MANIFEST), manifest, 2);
  }
  return report;
}

/** Whether a speech, changed, still sorts between the neighbours it had (so no `order` moves). */
function inPlace(data: Speech, old: SpeechMeta, metas: Record<string, SpeechMeta>): boolean {
  if (newestFirst(data, old) === 0) return true;
  const newer = old.newer ? metas[old.newer] : undefined;
  const older = old.older ? metas[old.older] : undefined;
  return (!newer || newestFirst(newer, data) < 0) && (!older || newestFirst(data, older) < 0);
}

/**
 * A speech's shared passages and formulation clauses, kept for the blocks whose text is as it was
 * (their spans still fit, the other speeches still share them) and dropped for the others until
 * the collection pass finds them again.
 */
function keepUnchangedSharing(path: string, before: readonly RenderBlock[], after: readonly RenderBlock[]): void {
  const shared = readJson<SpeechShared | null>(path, null);
  if (!shared) return;
  const was = new Map(before.map((b) => [b.id, b.text]));
  const same = new Set(after.filter((b) => was.get(b.id) === b.text).map((b) => b.id));
  if (same.size === after.length && after.length === before.length) return;
  writeJson(path, {
    passages: shared.passages.filter((p) => same.has(p[0])),
    formulations: shared.formulations.filter((f) => same.has(f[0])),
  } satisfies SpeechShared);
}
