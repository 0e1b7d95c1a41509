import { strFromU8, unzipSync } from 'fflate';
import { FootnoteReferenceRun, Paragraph } from 'docx';
import type { ExportInput } from './document.ts';
import {
  FONTS,
  PARAGRAPHS,
  footnoteParagraph,
  footnoteText,
  notesOf,
  paragraphKind,
  textRun,
  wordDocument,
  wordPackage,
  wordProperties,
  xmlSafe,
  type ParagraphKind,
  type WordProperties,
} from './docx-library.ts';
import { zip, zipEntry, type ZipEntry } from './zip.ts';
import type { PlacedNote } from '../schemas/generated.ts';
import { citedTitle } from '../lib/cite.ts';

/**
 * The Word files of the build, written from templates. The docx library takes about 25 ms a
 * speech to build and serialise its objects, most of it for parts that are the same in every
 * file. So once per process it writes a probe document (src/exports/docx-library.ts, the very
 * code and options of the reference path) with a slot in place of each piece of text; its parts
 * without slots are kept as they are (compressed once), and the XML around each slot (a kind of
 * paragraph, a run, a footnote reference, a footnote, a property) becomes a template. A speech's
 * own parts (document.xml, footnotes.xml, core.xml) are then strings put together from those and
 * its escaped text. test/unit/docx.test.ts proves every part the same as the library's.
 */

/** Text no speech has (private-use characters, which neither xmlSafe nor XML escaping change). */
const SLOT = '\uE000yanlu\uE001';
/** The probe's footnote number: a number no speech reaches. */
const NOTE = 987654321;
/** The parts written per speech; every other part is the same in every Word file. */
const OWN = ['word/document.xml', 'word/footnotes.xml', 'docProps/core.xml'] as const;
type OwnPart = (typeof OWN)[number];
/** The properties in the order CoreProperties writes them (an empty one is left out). */
const PROPERTIES = ['title', 'subject', 'creator', 'keywords', 'description', 'lastModifiedBy'] as const;

/** What comes before and after a piece of text. */
type Around = [before: string, after: string];

interface Template {
  /** The package's parts in the order they are zipped: shared ones compressed, a speech's own by name. */
  parts: Array<ZipEntry | OwnPart>;
  /** document.xml before the first paragraph and after the last. */
  document: Around;
  /** Each kind of paragraph up to its first run (`<w:p><w:pPr>…</w:pPr>`). */
  paragraph: Record<ParagraphKind, string>;
  /** What closes a paragraph. */
  paragraphEnd: string;
  /** A run of text in the paragraph's font, and in the body font (run-in text after a heading). */
  run: Around;
  runin: Around;
  /** A footnote reference run, around its number. */
  reference: Around;
  /** footnotes.xml before the notes (the separators) and after them. */
  footnotes: Around;
  /** A footnote: before its number, between its number and its text, after its text. */
  footnote: [string, string, string];
  /** core.xml: up to the properties; each property around its value; the rest, split at its timestamps. */
  core: { head: string; properties: Record<(typeof PROPERTIES)[number], Around>; rest: string[] };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** Text escaped as docx escapes it: all five predefined entities, quotes too, even in content. */
const escape = (s: string) => s.replace(/[&"'<>]/gu, (c) => ENTITIES[c]!);

/** A shape the probe was not written in: the library changed, and the templates would be wrong. */
const unexpected = (part: string) => new Error(`docx wrote ${part} of an unexpected shape; see src/exports/docx.ts`);

/** The text around the one occurrence of `marker` in `xml`. */
function around(xml: string, marker: string, part: string): Around {
  const at = xml.indexOf(marker);
  if (at < 0 || xml.indexOf(marker, at + 1) >= 0) throw unexpected(part);
  return [xml.slice(0, at), xml.slice(at + marker.length)];
}

/** The element that holds the slot marked `marker`: from the `open` tag before it to the `close` after it. */
function element(xml: string, marker: string, open: string, close: string, part: string) {
  const at = xml.indexOf(marker);
  const start = xml.lastIndexOf(open, at);
  const end = xml.indexOf(close, at);
  if (at < 0 || start < 0 || end < 0) throw unexpected(part);
  return { start, end: end + close.length, xml: xml.slice(start, end + close.length) };
}

/** The probe: a paragraph of each kind, a run-in run with a footnote reference, a footnote, every property. */
function probe() {
  const kinds = Object.keys(PARAGRAPHS) as ParagraphKind[];
  const paragraphs = kinds.map((k) => new Paragraph({ ...PARAGRAPHS[k], children: [textRun(SLOT)] }));
  paragraphs.push(
    new Paragraph({ ...PARAGRAPHS.body, children: [textRun(SLOT, FONTS.body), new FootnoteReferenceRun(NOTE)] }),
  );
  const properties = Object.fromEntries(PROPERTIES.map((p) => [p, `${SLOT}${p}`])) as unknown as WordProperties;
  return { kinds, doc: wordDocument(properties, paragraphs, { [NOTE]: { children: [footnoteParagraph(SLOT)] } }) };
}

function documentTemplate(xml: string, kinds: ParagraphKind[]) {
  const paragraphs = xml.match(/<w:p>.*?<\/w:p>/gsu) ?? [];
  if (paragraphs.length !== kinds.length + 1) throw unexpected('document.xml');
  const first = xml.indexOf(paragraphs[0]!);
  const last = xml.lastIndexOf(paragraphs.at(-1)!) + paragraphs.at(-1)!.length;
  const run = element(paragraphs[0]!, SLOT, '<w:r>', '</w:r>', 'document.xml');
  const paragraphEnd = paragraphs[0]!.slice(run.end);
  const paragraph = {} as Record<ParagraphKind, string>;
  kinds.forEach((k, i) => {
    const r = element(paragraphs[i]!, SLOT, '<w:r>', '</w:r>', 'document.xml');
    if (r.xml !== run.xml || paragraphs[i]!.slice(r.end) !== paragraphEnd) throw unexpected('document.xml');
    paragraph[k] = paragraphs[i]!.slice(0, r.start);
  });
  // The last paragraph: a body paragraph, a run in the body font, a footnote reference.
  const [open, runs] = around(paragraphs.at(-1)!, paragraph.body, 'document.xml');
  if (open !== '' || !runs.endsWith(paragraphEnd)) throw unexpected('document.xml');
  const runin = element(runs, SLOT, '<w:r>', '</w:r>', 'document.xml');
  if (runin.start !== 0) throw unexpected('document.xml');
  return {
    document: [xml.slice(0, first), xml.slice(last)] as Around,
    paragraph,
    paragraphEnd,
    run: around(run.xml, SLOT, 'document.xml'),
    runin: around(runin.xml, SLOT, 'document.xml'),
    reference: around(runs.slice(runin.end, -paragraphEnd.length), String(NOTE), 'document.xml'),
  };
}

function footnotesTemplate(xml: string) {
  const note = element(xml, `"${NOTE}"`, '<w:footnote ', '</w:footnote>', 'footnotes.xml');
  const [before, rest] = around(note.xml, String(NOTE), 'footnotes.xml');
  return {
    footnotes: [xml.slice(0, note.start), xml.slice(note.end)] as Around,
    footnote: [before, ...around(rest, SLOT, 'footnotes.xml')] as [string, string, string],
  };
}

function coreTemplate(xml: string): Template['core'] {
  // Each property an element of its own (<dc:title>…</dc:title>), one after another in PROPERTIES' order.
  const properties = {} as Template['core']['properties'];
  let head = '';
  let end = -1;
  for (const p of PROPERTIES) {
    const at = xml.indexOf(`${SLOT}${p}`);
    const start = xml.lastIndexOf('<', at);
    if (at < 0 || start < 0 || (end >= 0 && start !== end)) throw unexpected('core.xml');
    if (end < 0) head = xml.slice(0, start);
    end = xml.indexOf('>', at) + 1;
    properties[p] = [xml.slice(start, at), xml.slice(at + SLOT.length + p.length, end)];
  }
  // Then the revision and the timestamps (created, modified): the time of writing, as docx gives them.
  const rest = xml.slice(end).split(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/u);
  if (rest.length !== 3) throw unexpected('core.xml');
  return { head, properties, rest };
}

/** The templates, from the probe packed by docx, and the parts every speech shares, compressed. */
async function makeTemplate(): Promise<Template> {
  const { kinds, doc } = probe();
  const files = unzipSync(await wordPackage(doc));
  const text = (path: OwnPart) => strFromU8(files[path] ?? new Uint8Array());
  // [Content_Types].xml first, where readers that stream a package look for it; then docx's order.
  const names = Object.keys(files).sort(
    (a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'),
  );
  if (!OWN.every((p) => names.includes(p))) throw unexpected('a package');
  return {
    parts: names.map((n) => ((OWN as readonly string[]).includes(n) ? (n as OwnPart) : zipEntry(n, files[n]!))),
    ...documentTemplate(text('word/document.xml'), kinds),
    ...footnotesTemplate(text('word/footnotes.xml')),
    core: coreTemplate(text('docProps/core.xml')),
  };
}

let template: Promise<Template> | undefined;

/** A block's text as runs, with a footnote reference after each noted quote (as the reference path cuts it). */
function runs(t: Template, run: Around, text: string, notes: PlacedNote[]): string {
  const textRun = (s: string) => run[0] + escape(xmlSafe(s)) + run[1];
  let xml = '';
  let at = 0;
  for (const n of notes) {
    if (n.end > at) xml += textRun(text.slice(at, n.end));
    at = Math.max(at, n.end);
    xml += t.reference[0] + String(n.n) + t.reference[1];
  }
  if (at < text.length || notes.length === 0) xml += textRun(text.slice(at));
  return xml;
}

function documentXml(t: Template, { meta, blocks, notes }: ExportInput): string {
  const runin = new Set(meta.roles.runin ?? []);
  let xml = t.document[0];
  xml += t.paragraph.title + runs(t, t.run, citedTitle(meta), notesOf(meta.titleDerived ? [] : notes, 'title'));
  xml += t.paragraphEnd;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    xml += t.paragraph[paragraphKind(b)] + runs(t, t.run, b.text, notesOf(notes, b.id));
    const next = blocks[i + 1];
    if (b.depth !== undefined && next && runin.has(next.id)) {
      // The body text after a heading on its line is body text: 仿宋, in the same paragraph.
      xml += runs(t, t.runin, next.text, notesOf(notes, next.id));
      i++;
    }
    xml += t.paragraphEnd;
  }
  return xml + t.document[1];
}

function footnotesXml(t: Template, notes: PlacedNote[]): string {
  // By number, as docx has them: its footnotes are an object keyed by number (one per number, in order).
  const byNumber: Record<string, string> = Object.fromEntries(notes.map((n) => [n.n, footnoteText(n)]));
  let xml = t.footnotes[0];
  for (const n in byNumber)
    xml += t.footnote[0] + String(Number(n)) + t.footnote[1] + escape(byNumber[n]!) + t.footnote[2];
  return xml + t.footnotes[1];
}

function coreXml(t: Template, properties: WordProperties, now: string): string {
  let xml = t.core.head;
  // docx leaves out a property that is empty.
  for (const p of PROPERTIES)
    if (properties[p]) xml += t.core.properties[p][0] + escape(properties[p]) + t.core.properties[p][1];
  return xml + t.core.rest.join(now);
}

/**
 * One speech as a Word document in the layout of GB/T 9704-2012: the title, then every block in
 * order (byline lines centred; the salutation flush left; headings by depth in 黑体, 楷体, 仿宋,
 * with their outline level, so Word's navigation pane shows the outline; paragraphs indented two
 * characters). A heading and the run-in paragraph that shared its source line stay one paragraph.
 * Editorial notes are Word footnotes, marked after their quote; nothing of them is in the text.
 * The same parts as speechDocxReference (the docx library) writes, in a tenth of the time.
 */
export async function speechDocx(input: ExportInput): Promise<Buffer> {
  template ??= makeTemplate();
  const t = await template;
  const now = new Date();
  const own: Record<OwnPart, string> = {
    'word/document.xml': documentXml(t, input),
    'word/footnotes.xml': footnotesXml(t, input.notes),
    'docProps/core.xml': coreXml(t, wordProperties(input), now.toISOString()),
  };
  return zip(
    t.parts.map((p) => (typeof p === 'string' ? zipEntry(p, own[p]) : p)),
    now,
  );
}
