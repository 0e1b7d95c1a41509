import { createHash } from 'node:crypto';
import { speechSchema, type Sidecar, type Speech } from '../schemas/speech.ts';
import { clean, type CleaningRules } from './clean.ts';
import { decode } from './decode.ts';
import { InputError } from './errors.ts';
import {
  deriveTitle,
  inferDate,
  inferLevel,
  inferSpeaker,
  inferOccasions,
  inferThemes,
  type Taxonomy,
} from './metadata.ts';
import { numberBlocks, outlineOf, rolesOf, type NumberedBlock } from './outline.ts';
import { segment } from './segment.ts';
import { slugify } from './slug.ts';
import { toMdast, toMdx } from './to-mdx.ts';

export interface ConvertInput {
  /** Path of the `.txt` relative to the repository root, with `/` separators. */
  file: string;
  /** Path relative to the speeches folder; the default slug is made from it. */
  name: string;
  bytes: Uint8Array;
  sidecar?: Sidecar | undefined;
  rules: CleaningRules;
  taxonomy: Taxonomy;
}

export interface Converted {
  data: Speech;
  blocks: NumberedBlock[];
  mdx: string;
}

/** decode → clean → segment → number → metadata → MDX, for one speech. */
export function convertSpeech(input: ConvertInput): Converted {
  const { text, encoding, lineEnding } = decode(input.bytes);
  const { lines, removed } = clean(text, input.rules);
  const { title: titleLine, blocks } = segment(lines);
  const numbered = numberBlocks(blocks);
  const paragraphs = numbered.filter((b) => b.type === 'paragraph');
  const body = numbered.map((b) => b.text).join('\n');
  if (!/\p{L}/u.test(body) && !titleLine) throw new InputError('no speech text (no letters after cleaning)');

  // The opening is one block: the first plain paragraph, else the first block of any kind.
  const opening = paragraphs.find((p) => !p.role)?.text ?? numbered[0]?.text ?? '';
  const sc = input.sidecar ?? {};
  if (sc.title && titleLine) {
    throw new InputError(`has a title line (${titleLine.text}); a sidecar title is only for speeches without one`);
  }
  const byline = numbered.filter((b) => b.type === 'paragraph' && (b.role === 'byline' || b.role === 'preamble'));
  const bylineText = byline.map((b) => b.text).join('\n');
  const title = sc.title ?? titleLine?.text ?? deriveTitle(opening, bylineText);
  const inferred = inferDate(titleLine?.text ?? '', bylineText, body, input.taxonomy);
  const date = sc.date
    ? {
        year: sc.date.year,
        ...(sc.date.month ? { month: sc.date.month } : {}),
        ...(sc.date.day ? { day: sc.date.day } : {}),
        certainty: 'override' as const,
        evidence: sc.date.note,
      }
    : inferred;
  const occasionSource = titleLine?.text ?? deriveTitle(opening, bylineText);

  const data: Speech = {
    title,
    titleDerived: !sc.title && !titleLine,
    slug: sc.slug ?? slugify(input.name),
    date,
    speaker: sc.speaker ?? inferSpeaker(byline.map((b) => b.text)),
    institution: sc.institution ?? null,
    place: sc.place ?? null,
    level: sc.level !== undefined ? sc.level : inferLevel(titleLine?.text ?? '', body, input.taxonomy),
    occasions: sc.occasions ?? inferOccasions(occasionSource, opening, input.taxonomy),
    themes: sc.themes ?? inferThemes(body, input.taxonomy),
    salutation: paragraphs.find((p) => p.role === 'salutation')?.text ?? null,
    outline: outlineOf(numbered),
    roles: rolesOf(numbered),
    counts: {
      characters: [...((titleLine?.text ?? '') + body).replace(/\s/gu, '')].length,
      paragraphs: paragraphs.length,
      headings: numbered.length - paragraphs.length,
    },
    source: {
      file: input.file,
      encoding,
      lineEnding,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      bytes: input.bytes.length,
    },
    removed,
    overridden: Object.keys(sc).sort(),
  };
  const checked = speechSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new InputError(`front matter field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { data: checked.data, blocks: numbered, mdx: toMdx(toMdast(checked.data, numbered)) };
}
