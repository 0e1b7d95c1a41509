import type { Block, ParagraphRole } from './segment.ts';

/** One heading in the outline, as stored in front matter. */
export interface OutlineEntry {
  /** Position id: `s2` is the second top-level section, `s2-3` its third subsection. */
  id: string;
  depth: number;
  marker: string;
  title: string;
}

/** A block with its stable id: `s…` for headings, `p…` for paragraphs. */
export type NumberedBlock = Block & { id: string };

/**
 * Ids from position, not wording: the n-th heading at each depth under its parent, and the n-th
 * paragraph of the speech. Editing a sentence never changes a link; inserting a section changes
 * the ids after it, as page numbers would.
 */
export function numberBlocks(blocks: readonly Block[]): NumberedBlock[] {
  const counters: number[] = [];
  let paragraphs = 0;
  return blocks.map((b) => {
    if (b.type === 'paragraph') return { ...b, id: `p${++paragraphs}` };
    counters.length = b.depth;
    for (let d = 0; d < b.depth; d++) counters[d] ??= 0;
    counters[b.depth - 1]! += 1;
    // A level skipped by the numbering is counted as its first item (s1-1-2, never s1--2).
    return { ...b, id: `s${counters.map((n) => Math.max(n, 1)).join('-')}` };
  });
}

/** The flat outline stored in front matter. */
export function outlineOf(blocks: readonly NumberedBlock[]): OutlineEntry[] {
  return blocks.flatMap((b) =>
    b.type === 'heading' ? [{ id: b.id, depth: b.depth, marker: b.marker, title: b.title }] : [],
  );
}

/** Paragraph ids by role, for front matter. */
export function rolesOf(blocks: readonly NumberedBlock[]): Partial<Record<ParagraphRole, string[]>> {
  const roles: Partial<Record<ParagraphRole, string[]>> = {};
  for (const b of blocks) if (b.type === 'paragraph' && b.role) (roles[b.role] ??= []).push(b.id);
  return roles;
}

/** An outline entry with its subsections, for rendering nested lists. */
export interface OutlineNode extends OutlineEntry {
  children: OutlineNode[];
}

/** Nest a flat outline by depth (a heading deeper than the one before becomes its child). */
export function outlineTree(entries: readonly OutlineEntry[]): OutlineNode[] {
  const root: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const e of entries) {
    const node: OutlineNode = { ...e, children: [] };
    while (stack.length && stack.at(-1)!.depth >= e.depth) stack.pop();
    (stack.at(-1)?.children ?? root).push(node);
    stack.push(node);
  }
  return root;
}
