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
export const xmlSafe = (s: string) => s.replace(NOT_XML, '\uFFFD');

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

/** A block's text as runs, with a footnote reference after each noted quote. */
function runs(
  text: string,
  notes: ExportInput['notes'],
  block: string,
  font?: string,
): Array<TextRun | FootnoteReferenceRun> {
  const out: Array<TextRun | FootnoteReferenceRun> = [];
  let at = 0;
  const run = (t: string) => new TextRun({ text: xmlSafe(t), ...(font ? { font: fonts(font) } : {}) });
  for (const n of notes.filter((x) => x.block === block).sort((a, b) => a.end - b.end)) {
    if (n.end > at) out.push(run(text.slice(at, n.end)));
    at = Math.max(at, n.end);
    out.push(new FootnoteReferenceRun(n.n));
  }
  if (at < text.length || out.length === 0) out.push(run(text.slice(at)));
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
 * One speech as a Word document in the layout of GB/T 9704-2012: the title, then every block in
 * order (byline lines centred; the salutation flush left; headings by depth in 黑体, 楷体, 仿宋,
 * with their outline level, so Word's navigation pane shows the outline; paragraphs indented two
 * characters). A heading and the run-in paragraph that shared its source line stay one paragraph.
 * Editorial notes are Word footnotes, marked after their quote; nothing of them is in the text.
 */
export async function speechDocx(input: ExportInput): Promise<Buffer> {
  const { meta, blocks, notes, url } = input;
  const runin = new Set(meta.roles.runin ?? []);
  const paragraphs: Paragraph[] = [
    new Paragraph({
      style: 'GwTitle',
      alignment: AlignmentType.CENTER,
      spacing: { ...onGrid, after: GBT9704.linePitch },
      children: runs(citedTitle(meta), meta.titleDerived ? [] : notes, 'title'),
    }),
  ];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    let children = runs(b.text, notes, b.id);
    const opts: IParagraphOptions = {
      spacing: onGrid,
      indent: { firstLineChars: 200, firstLine: INDENT },
      widowControl: false,
    };
    if (b.depth !== undefined) {
      const next = blocks[i + 1];
      if (next && runin.has(next.id)) {
        // The body text after a heading on its line is body text: 仿宋, in the same paragraph.
        children = [...children, ...runs(next.text, notes, next.id, FONTS.body)];
        i++;
      }
      paragraphs.push(new Paragraph({ ...opts, style: `GwH${Math.min(b.depth, 4)}`, children }));
    } else if (b.role === 'byline' || b.role === 'preamble') {
      paragraphs.push(new Paragraph({ ...opts, alignment: AlignmentType.CENTER, indent: {}, children }));
    } else if (b.role === 'salutation') {
      paragraphs.push(new Paragraph({ ...opts, alignment: AlignmentType.JUSTIFIED, indent: {}, children }));
    } else {
      paragraphs.push(new Paragraph({ ...opts, alignment: AlignmentType.JUSTIFIED, children }));
    }
  }
  const doc = new Document({
    title: xmlSafe(citedTitle(meta)),
    creator: xmlSafe(citedAuthor(meta)),
    subject: xmlSafe(formatDate(meta.date)),
    keywords: xmlSafe(meta.themes.join('; ')),
    description: xmlSafe(url),
    lastModifiedBy: xmlSafe(input.siteName),
    evenAndOddHeaderAndFooters: true,
    styles: STYLE_OPTIONS,
    footnotes: Object.fromEntries(
      notes.map((n) => [
        n.n,
        {
          children: [
            new Paragraph({
              style: 'FootnoteText',
              alignment: AlignmentType.JUSTIFIED,
              children: [new TextRun({ text: xmlSafe(`〔${NOTE_KINDS[n.kind]}〕“${n.exact}”：${n.body}`) })],
            }),
          ],
        },
      ]),
    ),
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
  // docx writes an empty font table; ours carries the fallbacks. Its styles, once per process,
  // with what it cannot write.
  stylesXml ??= await strictStyles();
  return Packer.toBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'word/styles.xml', data: stylesXml },
  ]);
}
