/**
 * The Word file as the docx library writes it: the layout of GB/T 9704-2012 as the library's
 * options (page, grid, styles, fonts, footers, each kind of paragraph) and a speech in its
 * objects. The build writes its Word files from templates made with this code
 * (src/exports/docx.ts); speechDocxReference is what they are tested against.
 */
import { strFromU8, unzipSync } from 'fflate';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  FootnoteReferenceRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
  type IStylesOptions,
} from 'docx';
import type { ExportInput } from './document.ts';
import type { PlacedNote, RenderBlock } from '../schemas/generated.ts';
import { NOTE_KINDS } from '../schemas/annotations.ts';
import { citedAuthor, citedTitle } from '../lib/cite.ts';
import { formatDate } from '../lib/format.ts';

/** Millimetres to twips (1/20 pt), Word's unit of length. */
const mm = (n: number) => Math.round((n / 25.4) * 1440);

/**
 * GB/T 9704-2012 (党政机关公文格式) as numbers. §5.2.1: A4. §5.2.2: top margin 37 mm, left 28 mm,
 * text block 156 mm × 225 mm (so right 26 mm, bottom 35 mm). §5.2.3 and §7.1: 22 lines of 28
 * characters of 3号仿宋 (16 pt). §7.5: page numbers in 4号 (14 pt) half-width digits with a
 * 一字线 each side, the line 7 mm below the text block.
 */
export const GBT9704 = {
  page: { width: mm(210), height: mm(297) },
  margin: { top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) },
  lines: 22,
  chars: 28,
  /** The line pitch: 225 mm / 22 lines = 28.95 pt, in twips (rounded down, so 22 lines fit). */
  linePitch: Math.floor(mm(225) / 22),
  /** 3号 in half-points (docx sizes are half-points). */
  body: 32,
  /** 2号. */
  title: 44,
  /** 4号. */
  pageNumber: 28,
  /** Footnotes (not in the standard, which has no footnotes): 小四. */
  footnote: 24,
} as const;

/**
 * 28 characters to a line of 156 mm (442.2 pt) is a pitch of 15.79 pt for 16 pt characters. Word's
 * way of saying so, a character grid (`w:docGrid w:type="linesAndChars"` with a negative
 * `w:charSpace`), is laid out by LibreOffice with each character in two cells (14 a line), so the
 * grid here is of lines only (22, `w:linePitch`) and the characters are set 0.25 pt closer
 * (`w:spacing`, in every style): 28 × 15.75 pt = 441 pt fits, 29 do not, in Word, WPS and
 * LibreOffice alike.
 */
const TRACKING = -5;

/**
 * The fonts of GB/T 9704-2012 with what stands in for them where they are not installed. A run
 * can name only one East Asian font, so the chain is in the font table: each font's `w:altName`
 * names the next, and its character set (GB2312) and PANOSE class let Word and WPS pick a font of
 * the same kind (a Song, Fangsong, Hei or Kai face) when neither is there.
 */
export const FONTS = {
  /** Title: 小标宋 (方正小标宋简体), then 华文中宋, then 宋体. */
  title: '方正小标宋简体',
  /** Body and third- and fourth-level headings: 仿宋_GB2312, then 仿宋. */
  body: '仿宋_GB2312',
  /** First-level headings (一、): 黑体. */
  h1: '黑体',
  /** Second-level headings (（一）): 楷体_GB2312, then 楷体. */
  h2: '楷体_GB2312',
  /** Page numbers: 宋体. */
  number: '宋体',
  /** Latin letters and digits in the text. */
  latin: 'Times New Roman',
} as const;

/** The font table: [name, altName, PANOSE-1, family]. */
const FONT_TABLE: Array<[string, string | null, string, 'roman' | 'modern']> = [
  ['方正小标宋简体', '华文中宋', '02000000000000000000', 'roman'],
  ['华文中宋', '宋体', '02010600040101010101', 'roman'],
  ['宋体', 'SimSun', '02010600030101010101', 'roman'],
  ['仿宋_GB2312', '仿宋', '02010609030101010101', 'modern'],
  ['仿宋', 'FangSong', '02010609060101010101', 'modern'],
  ['黑体', 'SimHei', '02010609060101010101', 'modern'],
  ['楷体_GB2312', '楷体', '02010609030101010101', 'modern'],
  ['楷体', 'KaiTi', '02010609060101010101', 'modern'],
];

const fontTableXml = () =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${FONT_TABLE.map(
    ([name, alt, panose, family]) =>
      `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:panose1 w:val="${panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${family === 'modern' ? 'fixed' : 'variable'}"/></w:font>`,
  ).join(
    '',
  )}<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

/**
 * Characters XML 1.0 cannot hold (C0 controls other than tab, line feed and carriage return;
 * U+FFFE, U+FFFF; lone surrogates): a .docx cannot carry them at all, so each is written as
 * U+FFFD. Every other character reaches the file as it is.
 */
// With the u flag a surrogate range matches only surrogates that are not part of a pair.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
// eslint-disable-next-line no-control-regex
const NOT_XML_BUT_SURROGATES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;
// Almost no text has any. isWellFormed finds a lone surrogate, and the rest without the surrogate
// range are found in a third of the time NOT_XML takes (0.07 against 0.22 ms a speech).
export const xmlSafe = (s: string) =>
  s.isWellFormed() && !NOT_XML_BUT_SURROGATES.test(s) ? s : s.replace(NOT_XML, '\uFFFD');

const fonts = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin });

/**
 * Paragraphs are indented two characters (§7.3.2 左空二字): Word reads `firstLineChars`;
 * LibreOffice only the length, two characters' pitch.
 */
const INDENT = 2 * (GBT9704.body * 10 + TRACKING);

/** Every line of body text is exactly one grid line, so a page holds 22 whatever the fonts. */
const onGrid = { line: GBT9704.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/**
 * Footnotes in exact 15 pt lines: a paragraph of single spacing would be snapped to the 28.95 pt
 * line grid by Word; exact spacing is not.
 */
const NOTE_LINES = { line: 300, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** Paragraph styles, one per kind of block. */
const STYLES = [
  { id: 'Normal', name: 'Normal', run: { font: fonts(FONTS.body), size: GBT9704.body, characterSpacing: TRACKING } },
  { id: 'GwTitle', name: '公文标题', run: { font: fonts(FONTS.title), size: GBT9704.title } },
  { id: 'GwH1', name: '一级标题', run: { font: fonts(FONTS.h1) }, paragraph: { outlineLevel: 0 } },
  { id: 'GwH2', name: '二级标题', run: { font: fonts(FONTS.h2) }, paragraph: { outlineLevel: 1 } },
  { id: 'GwH3', name: '三级标题', run: { font: fonts(FONTS.body) }, paragraph: { outlineLevel: 2 } },
  { id: 'GwH4', name: '四级标题', run: { font: fonts(FONTS.body) }, paragraph: { outlineLevel: 3 } },
].map((s) => (s.id === 'Normal' ? s : { ...s, basedOn: 'Normal', next: 'Normal', quickFormat: true }));

/** The document's styles (docDefaults: 3号仿宋 on the grid; footnotes; one style per kind of block). */
const STYLE_OPTIONS: IStylesOptions = {
  default: {
    document: {
      run: { font: fonts(FONTS.body), size: GBT9704.body },
      paragraph: { spacing: onGrid },
    },
    footnoteText: {
      run: { font: fonts(FONTS.body), size: GBT9704.footnote, characterSpacing: 0 },
      paragraph: { spacing: NOTE_LINES },
    },
    footnoteTextChar: { run: { font: fonts(FONTS.body), size: GBT9704.footnote } },
  },
  paragraphStyles: STYLES,
};

/** A run of text, in the paragraph's font or (a run-in paragraph's text after its heading) another. */
export const textRun = (text: string, font?: string) => new TextRun({ text, ...(font ? { font: fonts(font) } : {}) });

/** The kinds of paragraph a speech is written in. */
export type ParagraphKind = 'title' | 'h1' | 'h2' | 'h3' | 'h4' | 'centred' | 'salutation' | 'body';

/** What every paragraph after the title has: the grid, the two-character indent, no widow control. */
const BLOCK: IParagraphOptions = {
  spacing: onGrid,
  indent: { firstLineChars: 200, firstLine: INDENT },
  widowControl: false,
};

/**
 * Each kind of paragraph: the title centred with a grid line after it; headings by depth in their
 * styles; byline and preamble lines centred and the salutation flush left (neither indented);
 * paragraphs justified and indented.
 */
export const PARAGRAPHS: Record<ParagraphKind, IParagraphOptions> = {
  title: { style: 'GwTitle', alignment: AlignmentType.CENTER, spacing: { ...onGrid, after: GBT9704.linePitch } },
  h1: { ...BLOCK, style: 'GwH1' },
  h2: { ...BLOCK, style: 'GwH2' },
  h3: { ...BLOCK, style: 'GwH3' },
  h4: { ...BLOCK, style: 'GwH4' },
  centred: { ...BLOCK, alignment: AlignmentType.CENTER, indent: {} },
  salutation: { ...BLOCK, alignment: AlignmentType.JUSTIFIED, indent: {} },
  body: { ...BLOCK, alignment: AlignmentType.JUSTIFIED },
};

/** A block's kind of paragraph: a heading by its depth (past the fourth as the fourth), else by its role. */
export function paragraphKind(b: Pick<RenderBlock, 'depth' | 'role'>): ParagraphKind {
  if (b.depth !== undefined) return `h${Math.min(b.depth, 4)}` as ParagraphKind;
  if (b.role === 'byline' || b.role === 'preamble') return 'centred';
  return b.role === 'salutation' ? 'salutation' : 'body';
}

/** What a note's footnote says: its kind, the quote, the note. */
export const footnoteText = (n: PlacedNote) => xmlSafe(`〔${NOTE_KINDS[n.kind]}〕“${n.exact}”：${n.body}`);

/** A footnote's one paragraph. */
export const footnoteParagraph = (text: string) =>
  new Paragraph({ style: 'FootnoteText', alignment: AlignmentType.JUSTIFIED, children: [textRun(text)] });

/** The document's properties (docProps/core.xml), each XML-safe. */
export interface WordProperties {
  title: string;
  creator: string;
  subject: string;
  keywords: string;
  description: string;
  lastModifiedBy: string;
}

export const wordProperties = (input: ExportInput): WordProperties => ({
  title: xmlSafe(citedTitle(input.meta)),
  creator: xmlSafe(citedAuthor(input.meta)),
  subject: xmlSafe(formatDate(input.meta.date)),
  keywords: xmlSafe(input.meta.themes.join('; ')),
  description: xmlSafe(input.url),
  lastModifiedBy: xmlSafe(input.siteName),
});

/** The notes of one block in the order their references stand: by where their quotes end. */
export const notesOf = (notes: PlacedNote[], block: string) =>
  notes.filter((x) => x.block === block).sort((a, b) => a.end - b.end);

/** A block's text as runs, with a footnote reference after each noted quote. */
function runs(text: string, notes: PlacedNote[], font?: string): Array<TextRun | FootnoteReferenceRun> {
  const out: Array<TextRun | FootnoteReferenceRun> = [];
  let at = 0;
  for (const n of notes) {
    if (n.end > at) out.push(textRun(xmlSafe(text.slice(at, n.end)), font));
    at = Math.max(at, n.end);
    out.push(new FootnoteReferenceRun(n.n));
  }
  if (at < text.length || out.length === 0) out.push(textRun(xmlSafe(text.slice(at)), font));
  return out;
}

/** Page numbers (§7.5): odd pages on the right, even pages on the left, one character in. */
const pageNumber = (side: 'odd' | 'even') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: GBT9704.pageNumber * 10 } : { left: GBT9704.pageNumber * 10 },
        spacing: { line: 360, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { eastAsia: FONTS.number, ascii: FONTS.number, hAnsi: FONTS.number },
            size: GBT9704.pageNumber,
            characterSpacing: 0,
          }),
        ],
      }),
    ],
  });

let stylesXml: string | undefined;

/**
 * The styles docx writes for STYLE_OPTIONS, with `w:overflowPunct w:val="0"` in the document
 * defaults: no punctuation hangs past the text block (Word and LibreOffice let it by default, and
 * docx writes the element only to turn it on). Made once per process from a document of one
 * paragraph.
 */
async function strictStyles(): Promise<string> {
  const probe = new Document({ styles: STYLE_OPTIONS, sections: [{ children: [new Paragraph('')] }] });
  const xml = strFromU8(unzipSync(await Packer.toBuffer(probe))['word/styles.xml']!);
  const strict = '<w:overflowPunct w:val="0"/>';
  // In the document defaults (Word) and in Normal, which every style is based on (LibreOffice
  // reads it only there). CT_PPrBase puts overflowPunct before spacing; Normal has no pPr of its own.
  const defaults = /<w:pPrDefault><w:pPr>/u;
  const normal = /(<w:style w:type="paragraph" w:styleId="Normal"[^>]*><w:name w:val="Normal"\/>)(<w:rPr>)/u;
  if (!defaults.test(xml) || !normal.test(xml)) throw new Error('docx wrote styles of an unexpected shape');
  return xml.replace(defaults, `$&${strict}`).replace(normal, `$1<w:pPr>${strict}</w:pPr>$2`);
}

/**
 * A Word document of the given paragraphs and footnotes (by number) in the layout of GB/T
 * 9704-2012: A4 with its margins and line grid, page numbers in the footers, the styles.
 */
export function wordDocument(
  properties: WordProperties,
  paragraphs: Paragraph[],
  footnotes: Record<number, { children: Paragraph[] }>,
): Document {
  return new Document({
    ...properties,
    evenAndOddHeaderAndFooters: true,
    styles: STYLE_OPTIONS,
    footnotes,
    sections: [
      {
        properties: {
          page: {
            size: GBT9704.page,
            // The footer sits so that the page number's line is about 7 mm below the text block.
            margin: { ...GBT9704.margin, header: mm(15), footer: mm(22), gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GBT9704.linePitch },
        },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: paragraphs,
      },
    ],
  });
}

/**
 * The .docx of a document, as docx packs it, with two parts of ours: docx writes an empty font
 * table, ours carries the fallbacks; and its styles (once per process) with what it cannot write.
 */
export async function wordPackage(doc: Document): Promise<Buffer> {
  stylesXml ??= await strictStyles();
  return Packer.toBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'word/styles.xml', data: stylesXml },
  ]);
}

/**
 * One speech as a Word document in the layout of GB/T 9704-2012, made with the docx library: the
 * title, then every block in order (byline lines centred; the salutation flush left; headings by
 * depth in 黑体, 楷体, 仿宋, with their outline level, so Word's navigation pane shows the outline;
 * paragraphs indented two characters). A heading and the run-in paragraph that shared its source
 * line stay one paragraph. Editorial notes are Word footnotes, marked after their quote; nothing
 * of them is in the text.
 *
 * About 25 ms a speech, most of it the library building and serialising its tree: the build uses
 * speechDocx (src/exports/docx.ts), which writes the same parts from templates made with this
 * code, and is tested against it.
 */
export async function speechDocxReference(input: ExportInput): Promise<Buffer> {
  const { meta, blocks, notes } = input;
  const runin = new Set(meta.roles.runin ?? []);
  const paragraphs: Paragraph[] = [
    new Paragraph({
      ...PARAGRAPHS.title,
      children: runs(citedTitle(meta), notesOf(meta.titleDerived ? [] : notes, 'title')),
    }),
  ];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    let children = runs(b.text, notesOf(notes, b.id));
    const next = blocks[i + 1];
    if (b.depth !== undefined && next && runin.has(next.id)) {
      // The body text after a heading on its line is body text: 仿宋, in the same paragraph.
      children = [...children, ...runs(next.text, notesOf(notes, next.id), FONTS.body)];
      i++;
    }
    paragraphs.push(new Paragraph({ ...PARAGRAPHS[paragraphKind(b)], children }));
  }
  const footnotes = Object.fromEntries(notes.map((n) => [n.n, { children: [footnoteParagraph(footnoteText(n))] }]));
  return wordPackage(wordDocument(wordProperties(input), paragraphs, footnotes));
}
