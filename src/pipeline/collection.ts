import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sidecarSchema, type Speech } from '../schemas/speech.ts';
import { GLOSSARY_FILE, loadGlossary } from '../annotate/glossary.ts';
import { notesFile, speechNotes } from '../annotate/notes.ts';
import { convertSpeech } from './convert.ts';
import type { NumberedBlock } from './outline.ts';
import { InputError } from './errors.ts';
import { loadCleaningRules, loadTaxonomy, readYaml } from './rules.ts';

/** Where sources are and where the generated MDX goes, relative to the project root. */
export const SPEECHES_DIR = 'content/speeches';
export const GENERATED_DIR = '.generated/speeches';
const MANIFEST = '.generated/manifest.json';

interface ManifestEntry {
  hash: string;
  slug: string;
}

export interface CollectionReport {
  converted: string[];
  unchanged: string[];
  deleted: string[];
  /** One line per problem: `content/speeches/x.txt: reason`. */
  errors: string[];
}

const toPosix = (p: string) => p.split(sep).join('/');

function listTxt(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.name.toLowerCase().endsWith('.txt') && (d.isFile() || d.isSymbolicLink()))
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/** Read an input file; failing to read it (a folder, no permission) is an input problem. */
function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The manifest of the last run; a missing or damaged one just means converting everything. */
function readManifest(path: string): Record<string, ManifestEntry> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestEntry>;
  } catch {
    return {};
  }
}

/**
 * One line for a problem with an input file: its message with the project root taken off the
 * front of paths. File-system errors (unreadable, a folder where a file should be) are problems
 * with the input too; anything else is a bug and is rethrown with its stack.
 */
function problem(e: unknown, root: string): string {
  const fsCode = (e as NodeJS.ErrnoException | null)?.code;
  if (!(e instanceof InputError) && !(fsCode && /^E[A-Z]+$/u.test(fsCode))) throw e;
  const message = e instanceof InputError ? e.message : `cannot read (${fsCode})`;
  const prefix = `${resolve(root)}${sep}`;
  return message.startsWith(prefix) ? toPosix(message.slice(prefix.length)) : message;
}

/** Hash of the converter's own code, so a change to the pipeline regenerates every speech. */
function pipelineHash(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const dir of [here, join(here, '../schemas')]) {
    for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  return h.digest('hex');
}

/**
 * Convert every speech under `root/content/speeches`. A source is converted again only when its
 * bytes, its sidecar, the rules or the pipeline changed. Bad files are reported, one line each,
 * and do not stop the others; outputs of deleted sources are removed.
 */
export function convertCollection(dir: string, opts: { force?: boolean } = {}): CollectionReport {
  const root = resolve(dir);
  const report: CollectionReport = { converted: [], unchanged: [], deleted: [], errors: [] };
  const outDir = join(root, GENERATED_DIR);
  const manifestPath = join(root, MANIFEST);
  let rules, taxonomy;
  try {
    rules = loadCleaningRules(join(root, 'content/cleaning.yaml'));
    taxonomy = loadTaxonomy(join(root, 'content/taxonomy.yaml'));
  } catch (e) {
    report.errors.push(problem(e, root));
    return report;
  }
  const base = createHash('sha256')
    .update(pipelineHash())
    .update(readFileSync(join(root, 'content/cleaning.yaml')))
    .update(readFileSync(join(root, 'content/taxonomy.yaml')))
    .digest('hex');

  const old = readManifest(manifestPath);
  const next: Record<string, ManifestEntry> = {};
  const slugOwner = new Map<string, string>();
  mkdirSync(outDir, { recursive: true });

  for (const abs of listTxt(join(root, SPEECHES_DIR))) {
    const file = toPosix(relative(root, abs));
    const name = toPosix(relative(join(root, SPEECHES_DIR), abs));
    try {
      const bytes = readInput(abs);
      const sidecarPath = abs.replace(/\.txt$/iu, '.yaml');
      const sidecarBytes = existsSync(sidecarPath) ? readInput(sidecarPath) : null;
      const hash = createHash('sha256')
        .update(base)
        .update(bytes)
        .update(sidecarBytes ?? '')
        .digest('hex');
      const prev = old[file];
      if (
        !opts.force &&
        prev?.hash === hash &&
        existsSync(join(outDir, `${prev.slug}.mdx`)) &&
        !slugOwner.has(prev.slug)
      ) {
        slugOwner.set(prev.slug, file);
        next[file] = prev;
        report.unchanged.push(file);
        continue;
      }
      const sidecar = sidecarBytes ? readYaml(sidecarPath, sidecarSchema) : undefined;
      const { data, mdx } = convertSpeech({ file, name, bytes, sidecar, rules, taxonomy });
      const owner = slugOwner.get(data.slug);
      if (owner) {
        throw new InputError(
          `slug "${data.slug}" is already used by ${owner}; set another \`slug\` in ${toPosix(relative(root, sidecarPath))}`,
        );
      }
      slugOwner.set(data.slug, file);
      writeFileSync(join(outDir, `${data.slug}.mdx`), mdx);
      next[file] = { hash, slug: data.slug };
      report.converted.push(file);
    } catch (e) {
      const msg = problem(e, root);
      report.errors.push(msg.startsWith('content/') ? msg : `${file}: ${msg}`);
      // A source that broke loses its page rather than keeping a stale one; the build stops anyway.
      delete next[file];
    }
  }

  const keep = new Set(Object.values(next).map((e) => `${e.slug}.mdx`));
  for (const f of readdirSync(outDir)) {
    if (f.endsWith('.mdx') && !keep.has(f)) {
      rmSync(join(outDir, f));
      report.deleted.push(f);
    }
  }
  writeFileSync(manifestPath, `${JSON.stringify(next, null, 2)}\n`);
  if (report.errors.length === 0) report.errors.push(...checkAnnotations(root));
  return report;
}

/**
 * Check the glossary and every annotation file against the current texts, so that a note whose
 * quote no longer matches exactly once stops `npm run convert` (and so the build) with one line
 * naming the file, the note and the reason, before Astro runs.
 */
export function checkAnnotations(root: string): string[] {
  const errors: string[] = [];
  try {
    loadGlossary(join(root, GLOSSARY_FILE));
    const speeches = convertCollectionData(root);
    const known = new Set(speeches.map((s) => notesFile(s.data.source.file)));
    const dir = join(root, 'content/annotations');
    for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
      if (f.endsWith('.yaml') && !known.has(`content/annotations/${f}`)) {
        errors.push(`content/annotations/${f}: no speech content/speeches/${f.replace(/\.yaml$/u, '.txt')}`);
      }
    }
    for (const { data, blocks } of speeches) {
      try {
        speechNotes(data, blocks, root);
      } catch (e) {
        errors.push(problem(e, root));
      }
    }
  } catch (e) {
    errors.push(problem(e, root));
  }
  return errors;
}

/**
 * Every speech's validated front matter and its text (title and blocks, one per line), converted
 * in memory: for benchmarks and tools that need the text without reading the MDX back.
 */
export function convertCollectionData(root: string): Array<{ data: Speech; text: string; blocks: NumberedBlock[] }> {
  const rules = loadCleaningRules(join(root, 'content/cleaning.yaml'));
  const taxonomy = loadTaxonomy(join(root, 'content/taxonomy.yaml'));
  return listTxt(join(root, SPEECHES_DIR)).map((abs) => {
    const sidecarPath = abs.replace(/\.txt$/iu, '.yaml');
    const { data, blocks } = convertSpeech({
      file: toPosix(relative(root, abs)),
      name: toPosix(relative(join(root, SPEECHES_DIR), abs)),
      bytes: readFileSync(abs),
      sidecar: existsSync(sidecarPath) ? readYaml(sidecarPath, sidecarSchema) : undefined,
      rules,
      taxonomy,
    });
    const lines = [...(data.titleDerived ? [] : [data.title]), ...blocks.map((b) => b.text)];
    return { data, text: lines.join('\n'), blocks };
  });
}
