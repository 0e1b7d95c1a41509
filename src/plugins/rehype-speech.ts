import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import type { Speech } from '../schemas/speech.ts';

/** Options for {@link rehypeSpeech}. */
export interface Options {
  /** Accessible name of a heading's copy-link control. Default: `链接`. */
  sectionLinkLabel?: string;
  /** Accessible name of a paragraph's copy-link control. Default: `链接`. */
  paragraphLinkLabel?: string;
}

const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
/** Paragraph roles the stylesheet sets apart (no first-line indent); others need no class. */
const STYLED_ROLES = new Set(['salutation', 'byline', 'preamble']);

/**
 * Give a speech's headings and paragraphs their position ids (from the front matter outline the
 * converter wrote) and add a copy-link control to each. The
 * control has no text content (its glyph is CSS), so copying a paragraph copies only the speech.
 * Fails the build if the rendered headings and the outline disagree.
 */
export default function rehypeSpeech(options: Options = {}) {
  const sectionLabel = options.sectionLinkLabel ?? '链接';
  const paragraphLabel = options.paragraphLinkLabel ?? '链接';
  return (tree: Root, file: VFile) => {
    const fm = (file.data as { astro?: { frontmatter?: Partial<Speech> } }).astro?.frontmatter;
    if (!fm?.outline || !fm.roles) return; // not a speech
    const roleOf = new Map<string, string>();
    for (const [role, ids] of Object.entries(fm.roles)) for (const id of ids ?? []) roleOf.set(id, role);

    let h = 0;
    let p = 0;
    for (const node of tree.children) {
      if (node.type !== 'element') continue;
      if (HEADINGS.has(node.tagName)) {
        const entry = fm.outline[h++];
        if (!entry) throw new Error(`${file.path}: more headings than outline entries`);
        node.properties = { ...node.properties, id: entry.id };
        node.children.push(copyLink(entry.id, sectionLabel));
      } else if (node.tagName === 'p') {
        const id = `p${++p}`;
        const role = roleOf.get(id);
        const styled = role && STYLED_ROLES.has(role);
        node.properties = { ...node.properties, id, ...(styled ? { className: [role] } : {}) };
        node.children.push(copyLink(id, paragraphLabel));
      }
    }
    if (h !== fm.outline.length)
      throw new Error(`${file.path}: ${h} headings rendered, outline has ${fm.outline.length}`);
    if (fm.counts && p !== fm.counts.paragraphs) {
      throw new Error(`${file.path}: ${p} paragraphs rendered, the converter counted ${fm.counts.paragraphs}`);
    }
  };
}

function copyLink(id: string, label: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['pl'], href: `#${id}`, ariaLabel: label },
    children: [],
  };
}
