import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NumberedBlock } from '../pipeline/outline.ts';
import type { Speech } from '../schemas/speech.ts';
import { annotationFileSchema, type Note } from '../schemas/annotations.ts';
import { InputError } from '../pipeline/errors.ts';
import { readYaml } from '../pipeline/rules.ts';

/** Where a speech's notes live: `content/annotations/<source file name without .txt>.yaml`. */
export const notesFile = (sourceFile: string) =>
  `content/annotations/${sourceFile.replace(/^content\/speeches\//u, '').replace(/\.txt$/iu, '')}.yaml`;

/** The notes on a speech, or none when it has no annotation file. `file` is relative to `root`. */
export function loadNotes(sourceFile: string, root = '.'): { file: string; notes: Note[] } {
  const file = notesFile(sourceFile);
  if (!existsSync(join(root, file))) return { file, notes: [] };
  const data = readYaml(join(root, file), annotationFileSchema);
  const expected = file.slice('content/annotations/'.length, -'.yaml'.length);
  if (data.speech !== expected) throw new InputError(`${file}: speech: is "${data.speech}", expected "${expected}"`);
  return { file, notes: data.notes };
}

/** A block of the speech that notes can anchor to: the title (`title`), a heading or a paragraph. */
export interface AnchorBlock {
  id: string;
  text: string;
  /** True when the block continues the previous block's source line (a run-in paragraph). */
  joinsPrevious?: boolean;
}

/** A note placed in the text: its number (by position), the block and the quote's range in it. */
export interface AnchoredNote extends Note {
  n: number;
  block: string;
  start: number;
  end: number;
}

const show = (s: string) => (s.length > 16 ? `${s.slice(0, 15)}…` : s);

/**
 * Place each note where its quote (prefix + exact + suffix) occurs exactly once in the speech,
 * read as its source lines (blocks joined by line breaks; a heading and the run-in paragraph
 * that shared its line are joined directly). The exact quote must lie within one block. A quote
 * that is missing or ambiguous is an error naming the note, the file and the reason: notes are
 * never re-anchored by guesswork (fuzzy matching moves short Chinese quotes onto the wrong
 * words). Notes are numbered in reading order.
 */
export function anchorNotes(file: string, notes: readonly Note[], blocks: readonly AnchorBlock[]): AnchoredNote[] {
  let doc = '';
  const starts: number[] = [];
  blocks.forEach((b, i) => {
    if (i > 0 && !b.joinsPrevious) doc += '\n';
    starts.push(doc.length);
    doc += b.text;
  });
  const blockAt = (pos: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > pos) i--;
    return i;
  };
  const placed = notes.map((note, i) => {
    const quote = note.prefix + note.exact + note.suffix;
    const where: number[] = [];
    for (let at = doc.indexOf(quote); at >= 0; at = doc.indexOf(quote, at + 1)) where.push(at);
    const label = `${file}: note ${i + 1} (“${show(note.exact)}”)`;
    if (where.length === 0) throw new InputError(`${label}: quote not found in the speech; fix exact/prefix/suffix`);
    if (where.length > 1) {
      const ids = where.map((w) => blocks[blockAt(w + note.prefix.length)]!.id).join(', ');
      throw new InputError(`${label}: quote occurs ${where.length} times (${ids}); lengthen prefix or suffix`);
    }
    const from = where[0]! + note.prefix.length;
    const blockIndex = blockAt(from);
    if (blockAt(from + note.exact.length - 1) !== blockIndex) {
      throw new InputError(`${label}: the exact quote runs across two blocks; quote within one`);
    }
    const start = from - starts[blockIndex]!;
    return { ...note, blockIndex, block: blocks[blockIndex]!.id, start, end: start + note.exact.length };
  });
  placed.sort((a, b) => a.blockIndex - b.blockIndex || a.start - b.start);
  for (let i = 1; i < placed.length; i++) {
    const [a, b] = [placed[i - 1]!, placed[i]!];
    if (a.blockIndex === b.blockIndex && b.start < a.end) {
      throw new InputError(`${file}: notes on “${show(a.exact)}” and “${show(b.exact)}” overlap; quote them apart`);
    }
  }
  return placed.map(({ kind, exact, prefix, suffix, body, block, start, end }, i) => ({
    kind,
    exact,
    prefix,
    suffix,
    body,
    block,
    start,
    end,
    n: i + 1,
  }));
}

/** A converted speech's notes, anchored on its title (unless derived) and blocks as the page shows them. */
export function speechNotes(
  data: Pick<Speech, 'title' | 'titleDerived' | 'roles' | 'source'>,
  blocks: ReadonlyArray<Pick<NumberedBlock, 'id' | 'text'>>,
  root = '.',
): AnchoredNote[] {
  const { file, notes } = loadNotes(data.source.file, root);
  const runin = new Set(data.roles.runin ?? []);
  return anchorNotes(file, notes, [
    ...(data.titleDerived ? [] : [{ id: 'title', text: data.title }]),
    ...blocks.map((b) => ({ id: b.id, text: b.text, joinsPrevious: runin.has(b.id) })),
  ]);
}
