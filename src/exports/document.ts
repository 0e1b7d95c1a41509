import { cslItem, isoDate } from '../lib/cite.ts';
import type { PlacedNote, RenderBlock } from '../schemas/generated.ts';
import type { SpeechExport, WebAnnotation } from '../schemas/export.ts';
import type { Speech } from '../schemas/speech.ts';

/** What every export of a speech is made from: its front matter, blocks and placed notes. */
export interface ExportInput {
  meta: Speech;
  blocks: RenderBlock[];
  notes: PlacedNote[];
  /** Absolute URL of the speech page. */
  url: string;
  /** The site's name (content/site.yaml). */
  siteName: string;
  /** Absolute URL of the files' folder (`…/speeches/<slug>/`) and of the schema. */
  files: { base: string; schema: string };
}

/** Web Annotation motivations for the kinds of note (https://www.w3.org/TR/annotation-vocab/#motivation). */
const MOTIVATION = {
  correction: 'editing',
  placeholder: 'identifying',
  context: 'commenting',
  source: 'describing',
} as const;

/** Characters of context a TextQuoteSelector gives on each side (within the quote's block). */
const CONTEXT = 32;

/** A placed note as a W3C Web Annotation on the speech page, selected by quote and by block and offsets. */
export function webAnnotation(note: PlacedNote, text: string, url: string): WebAnnotation {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `${url}#note-${note.n}`,
    type: 'Annotation',
    motivation: MOTIVATION[note.kind],
    kind: note.kind,
    body: { type: 'TextualBody', value: note.body, format: 'text/plain', language: 'zh-CN' },
    target: {
      source: url,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: note.exact,
          prefix: text.slice(Math.max(0, note.start - CONTEXT), note.start),
          suffix: text.slice(note.end, note.end + CONTEXT),
        },
        {
          type: 'FragmentSelector',
          conformsTo: 'http://tools.ietf.org/rfc/rfc3986',
          value: note.block,
          refinedBy: { type: 'TextPositionSelector', start: note.start, end: note.end },
        },
      ],
    },
  };
}

/** The file name of each download: `<slug>.docx` …, in the speech's folder. */
export const exportFile = (slug: string, ext: 'docx' | 'txt' | 'md' | 'json') => `${slug}.${ext}`;

/** A speech's open-data document (src/schemas/export.ts): everything but the access date is fixed by its inputs. */
export function speechDocument(input: ExportInput): SpeechExport {
  const { meta, blocks, notes, url } = input;
  const roleOf = new Map<string, NonNullable<SpeechExport['blocks'][number]['role']>>();
  for (const role of ['preamble', 'byline', 'salutation', 'closing', 'runin'] as const)
    for (const id of meta.roles[role] ?? []) roleOf.set(id, role);
  const textOf = new Map(blocks.map((b) => [b.id, b.text]));
  textOf.set('title', meta.title);
  const file = (ext: 'docx' | 'txt' | 'md' | 'json') => `${input.files.base}${exportFile(meta.slug, ext)}`;
  return {
    $schema: input.files.schema,
    id: url,
    slug: meta.slug,
    title: meta.title,
    titleDerived: meta.titleDerived,
    date: { ...meta.date, iso: isoDate(meta.date) || null },
    speaker: meta.speaker,
    institution: meta.institution,
    place: meta.place,
    level: meta.level,
    occasions: meta.occasions,
    themes: meta.themes,
    counts: meta.counts,
    source: {
      encoding: meta.source.encoding,
      lineEnding: meta.source.lineEnding,
      sha256: meta.source.sha256,
      bytes: meta.source.bytes,
      removed: meta.removed.length,
    },
    outline: meta.outline.map((o) => ({ ...o, url: `${url}#${o.id}` })),
    blocks: blocks.map((b) => {
      const role = roleOf.get(b.id);
      return {
        id: b.id,
        type: b.depth === undefined ? ('paragraph' as const) : ('heading' as const),
        ...(b.depth === undefined ? {} : { depth: b.depth }),
        ...(role ? { role } : {}),
        text: b.text,
        url: `${url}#${b.id}`,
      };
    }),
    annotations: notes.map((n) => webAnnotation(n, textOf.get(n.block) ?? '', url)),
    citation: cslItem(meta, { name: input.siteName }, meta.slug, url),
    downloads: { docx: file('docx'), txt: file('txt'), md: file('md'), json: file('json') },
  };
}
