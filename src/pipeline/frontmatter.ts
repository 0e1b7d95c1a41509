import { extractFrontmatter, parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { InputError } from './errors.ts';

/**
 * Front matter that Astro reads back exactly as it was written.
 *
 * Astro's MDX integration reads front matter with `parseFrontmatter` from
 * `@astrojs/internal-helpers/frontmatter`, which is js-yaml's `load` with its default schema:
 * YAML 1.2 core plus timestamps, so a plain `2020-01-01` becomes a Date, and a stream holding a
 * character outside YAML's printable set (U+FFFF, C1 controls, lone surrogates) is rejected. So
 * every string but a plain word is written as a JSON-style double-quoted scalar with everything
 * outside the printable set escaped, and the result is parsed back with that very function and
 * compared with the input before it is used.
 */

/** A string as a double-quoted YAML scalar, on one line, that is also a JSON string. */
export function yamlString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair: U+10000–U+10FFFF are all printable.
        out += s[i]! + s[i + 1]!;
        i++;
      } else {
        out += escape(c);
      }
    } else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (printable(c)) out += s[i]!;
    else out += escape(c);
  }
  return `${out}"`;
}

/**
 * YAML 1.2 §5.1 printable characters of the Basic Multilingual Plane, less those some readers
 * take for line breaks (U+0085, U+2028, U+2029, YAML 1.1) or a byte-order mark (U+FEFF, which
 * must not appear inside a document). Tab and line breaks are escaped by the caller.
 */
function printable(c: number): boolean {
  if (c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return false;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
}

const escape = (c: number) => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A word that every YAML reader takes for a string when written plain: letters first, then
 * letters, digits, `_` and `-`, and not a word some schema reads as a boolean or null (YAML 1.2
 * core's true/false/null, YAML 1.1's yes/no/on/off/y/n). `市`, `my-speech`, `level` stay plain;
 * anything else is quoted. The read-back check below proves it either way.
 */
const PLAIN = /^\p{L}[\p{L}\p{M}\p{N}_-]*$/u;
const RESERVED = /^(?:true|false|null|y|yes|n|no|on|off)$/iu;
const plainOrQuoted = (s: string) => (PLAIN.test(s) && !RESERVED.test(s) ? s : yamlString(s));

type Path = ReadonlyArray<string | number>;
const fieldName = (path: Path) => path.join('.') || '(root)';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Own entries that are written: like JSON, a key whose value is `undefined` is left out. */
const entries = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);

const isBlock = (v: unknown) => (Array.isArray(v) ? v.length > 0 : isPlainObject(v) && entries(v).length > 0);

/** A value on one line: a scalar, or an empty sequence or mapping. */
function scalar(v: unknown, path: Path): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return plainOrQuoted(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (!Number.isFinite(v)) return v > 0 ? '.inf' : '-.inf';
    return Object.is(v, -0) ? '-0.0' : String(v); // js-yaml reads `-0` as 0
  }
  if (Array.isArray(v)) return '[]';
  if (isPlainObject(v)) return '{}';
  // Front matter is plain data; anything else is a bug in the caller, not an input problem.
  throw new TypeError(`front matter field ${fieldName(path)}: cannot write ${describe(v)}`);
}

/** Block-style YAML lines for a non-empty sequence or mapping, indented by `indent`. */
function lines(v: unknown, indent: string, path: Path): string[] {
  const out: string[] = [];
  if (Array.isArray(v)) {
    v.forEach((item: unknown, i) => {
      if (isBlock(item)) {
        // `- ` takes the place of the first line's indentation: `- id: "s1"` / `  depth: 1`.
        const inner = lines(item, `${indent}  `, [...path, i]);
        // A loop, not push(...inner): a speech may hold 100,000 removed lines.
        out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`);
        for (let j = 1; j < inner.length; j++) out.push(inner[j]!);
      } else {
        out.push(`${indent}- ${scalar(item, [...path, i])}`);
      }
    });
  } else {
    for (const [k, item] of entries(v as Record<string, unknown>)) {
      if (isBlock(item)) {
        out.push(`${indent}${plainOrQuoted(k)}:`);
        for (const line of lines(item, `${indent}  `, [...path, k])) out.push(line);
      } else out.push(`${indent}${plainOrQuoted(k)}: ${scalar(item, [...path, k])}`);
    }
  }
  return out;
}

/** The YAML text of a front matter object, without the `---` lines. */
export function toYaml(data: object): string {
  return isBlock(data) ? lines(data, '', []).join('\n') : scalar(data, []);
}

/** The front matter block as remark-stringify writes it around a `yaml` node's value. */
export const fenced = (yaml: string) => `---\n${yaml}\n---\n`;

/** How a value read back looks, for an error message. */
function describe(v: unknown): string {
  if (v instanceof Date) return `a date (${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'a mapping';
  if (typeof v === 'object' && v !== null) return `a ${Object.prototype.toString.call(v).slice(8, -1)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return `a ${typeof v}`;
}

/** Where `actual` first differs from `expected` (treated as JSON data), or null if nowhere. */
export function difference(
  expected: unknown,
  actual: unknown,
  path: Path = [],
): { path: Path; actual: unknown } | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, actual };
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= expected.length || i >= actual.length) return { path: [...path, i], actual: actual[i] };
      const d = difference(expected[i] ?? null, actual[i], [...path, i]);
      if (d) return d;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { path, actual };
    const written = entries(expected);
    for (const [k, v] of written) {
      if (!Object.hasOwn(actual, k)) return { path: [...path, k], actual: undefined };
      const d = difference(v, actual[k], [...path, k]);
      if (d) return d;
    }
    const extra = Object.keys(actual).find((k) => !written.some(([w]) => w === k));
    return extra === undefined ? null : { path: [...path, extra], actual: actual[extra] };
  }
  return Object.is(expected, actual) ? null : { path, actual };
}

/** What Astro reads from a front matter block: the parsed data, or js-yaml's complaint. */
function astroReads(yaml: string): { data: unknown } | { error: string } {
  try {
    return { data: parseFrontmatter(fenced(yaml)).frontmatter };
  } catch (e) {
    if ((e as Error).name !== 'YAMLException') throw e;
    return { error: (e as { reason?: string }).reason || (e as Error).message.split('\n')[0]! };
  }
}

/**
 * The first top-level field of a YAML mapping that the reader rejects on its own: each field is
 * its unindented line and the indented lines under it.
 */
function failingField(yaml: string): string | undefined {
  const fields: string[][] = [];
  for (const line of yaml.split('\n')) {
    if (/^[^\s#-]/u.test(line) || fields.length === 0) fields.push([line]);
    else fields.at(-1)!.push(line);
  }
  const bad = fields.find((f) => 'error' in astroReads(f.join('\n')));
  if (!bad) return undefined;
  const quoted = /^"(?:[^"\\]|\\.)*"/u.exec(bad[0]!)?.[0];
  if (quoted === undefined) return bad[0]!.split(':')[0];
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}

/**
 * Throw an `InputError` unless Astro reads `yaml`, as the front matter of an MDX file, as exactly
 * `expected`. The message names the first field that does not read back.
 */
export function checkFrontmatter(yaml: string, expected: object): void {
  if (extractFrontmatter(fenced(yaml)) !== `\n${yaml}\n`) {
    throw new InputError('front matter cannot be written: Astro would not find where it ends');
  }
  const read = astroReads(yaml);
  if ('error' in read) {
    const field = failingField(yaml);
    const what = field === undefined ? 'front matter' : `front matter field ${field}`;
    throw new InputError(`${what} cannot be written: the YAML reader says ${read.error}`);
  }
  const d = difference(expected, read.data);
  if (d) {
    throw new InputError(
      `front matter field ${fieldName(d.path)} cannot be written: it reads back as ${describe(d.actual)}`,
    );
  }
}

/** Front matter YAML for `data`, proven to read back through Astro's own parser as `data`. */
export function writeFrontmatter(data: object): string {
  const yaml = toYaml(data);
  checkFrontmatter(yaml, data);
  return yaml;
}
