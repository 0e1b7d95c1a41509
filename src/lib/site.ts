import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { headerWidth, SHORT_NAME_WIDTH, siteSchema, type Site } from '../schemas/site.ts';
import { InputError } from '../pipeline/errors.ts';
import { projectRoot } from './paths.ts';

const FILE = 'content/site.yaml';
/** A logo is drawn at 1.75rem; anything larger than this is a photograph, not a logo. */
const LOGO_BYTES = 100_000;
/** The logo's room in the header (1.75rem and its margin), in characters of the short name. */
const LOGO_WIDTH = 1.5;
/** Fields often misspelt, and what the file calls them. */
const SPELLINGS: Record<string, string> = {
  license: 'licence',
  short_name: 'shortName',
  basePath: 'base',
  lang: 'language',
};

/** One line naming where a value came from and what is wrong with it. */
function fail(where: string, field: string, message: string): never {
  throw new InputError(`${where}: ${field}: ${message}`);
}

/** `/x` → `/x/`; `/` stays. */
const slashed = (p: string) => (p.endsWith('/') ? p : `${p}/`);

/**
 * The collection's site file, `content/site.yaml` (optional: every field has a default), with
 * `SITE_URL` overriding `url` and `BASE_PATH` overriding `base` from the environment. `base`
 * defaults to the path of `url`; a `url` with a path other than `/` must agree with `base`. The
 * result's `url` is the home page's address (origin + base), so `new URL(path, url)` is absolute.
 * A bad value throws one line naming the file (or the variable) and the field.
 */
export function loadSite(root = projectRoot(), env: Record<string, string | undefined> = process.env): Site {
  const file = join(root, FILE);
  let raw: unknown;
  try {
    raw = existsSync(file) ? (parse(readFileSync(file, 'utf8')) ?? {}) : {};
  } catch (e) {
    throw new InputError(`${FILE}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`${FILE}: must be a mapping of fields (name: …)`);
  const checked = siteSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const hint = SPELLINGS[key] ? ` (did you mean ${SPELLINGS[key]}?)` : '';
      fail(FILE, [...issue.path, key].join('.'), `unknown field${hint}`);
    }
    fail(FILE, issue.path.join('.') || '(file)', issue.message);
  }
  const s = checked.data;
  let url = s.url;
  if (env['SITE_URL']) {
    const fromEnv = siteSchema.shape.url.safeParse(env['SITE_URL']);
    if (!fromEnv.success) fail('SITE_URL', env['SITE_URL'], fromEnv.error.issues[0]!.message);
    url = fromEnv.data;
  }
  let base = s.base;
  let baseFrom = `${FILE}: base`;
  if (env['BASE_PATH']) {
    const fromEnv = siteSchema.shape.base.safeParse(env['BASE_PATH']);
    if (!fromEnv.success) fail('BASE_PATH', env['BASE_PATH'], fromEnv.error.issues[0]!.message);
    base = fromEnv.data;
    baseFrom = 'BASE_PATH';
  }
  const at = new URL(url);
  const urlPath = slashed(at.pathname);
  base = slashed(base ?? urlPath);
  // https://x.github.io with base /yanlu/ is fine (the base is appended); a url naming another path is a contradiction.
  if (urlPath !== '/' && urlPath !== base)
    fail(
      env['SITE_URL'] ? 'SITE_URL' : FILE,
      'url',
      `its path ${urlPath} differs from the base path ${base} (${baseFrom}); give the same path, or the url without one`,
    );
  if (!s.shortName && headerWidth(s.name) > SHORT_NAME_WIDTH)
    fail(
      FILE,
      'shortName',
      `missing, and name (${s.name}) is too long to head every page at 320 px; give a shortName of at most ${SHORT_NAME_WIDTH} Chinese characters`,
    );
  if (s.logo) {
    const logo = join(root, 'content', s.logo);
    if (!existsSync(logo) || !statSync(logo).isFile()) fail(FILE, 'logo', `content/${s.logo} not found`);
    if (statSync(logo).size > LOGO_BYTES) fail(FILE, 'logo', `content/${s.logo} is over ${LOGO_BYTES / 1000} KB`);
    // The logo takes the room of one and a half characters beside the short name.
    if (headerWidth(s.shortName ?? s.name) + LOGO_WIDTH > SHORT_NAME_WIDTH)
      fail(FILE, 'shortName', 'at most 2 Chinese characters beside a logo (it heads every page, also at 320 px)');
  }
  return { ...s, shortName: s.shortName ?? s.name, url: `${at.origin}${base}`, base };
}

let cached: Site | undefined;
/** The site file of the collection being built (read once per process). */
export const site = (): Site => (cached ??= loadSite());

/** Absolute URL of a site path (`/speeches/x/` → `https://example.org/base/speeches/x/`). */
export const absolute = (path: string): string => new URL(path.replace(/^\//u, ''), site().url).href;
