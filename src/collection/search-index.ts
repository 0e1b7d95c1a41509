import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigram, isGap, shardOf, unigram } from '../search/keys.ts';
import { normalize, type T2S } from '../search/normalize.ts';
import { pushVarint } from '../search/postings.ts';

/** One speech as the search page shows and verifies it (`d/<id>.json`). */
export interface SearchDoc {
  /** Page URL path, `/speeches/<slug>/`. */
  u: string;
  /** Title. */
  t: string;
  /** Date as shown. */
  d: string;
  /** Date sort key (yyyymmdd). */
  k: number;
  /** Level (县, 市 …) or ''. */
  l: string;
  /** Blocks: [id, text]; `title` first unless the title is the editors'. */
  b: Array<[string, string]>;
}

/** What `search/meta.json` says: where this build's index is and how it is cut. */
export interface SearchMeta {
  /** Folder of this build's index under /search/, named by its content hash. */
  dir: string;
  speeches: number;
  shards: number;
}

/** Facet postings: facet name → value → base64 of delta varints of speech ids. */
export type FacetPostings = Record<string, Record<string, string>>;

/** Growable per-key postings, appended in increasing speech-id order, as varint bytes. */
class Postings {
  private readonly slot = new Map<number, number>();
  private last: Int32Array = new Int32Array(1024);
  private size: Int32Array = new Int32Array(1024);
  private readonly bytes: Uint8Array[] = [];
  private readonly scratch: number[] = [];

  add(key: number, id: number): void {
    let s = this.slot.get(key);
    if (s === undefined) {
      s = this.bytes.length;
      this.slot.set(key, s);
      if (s >= this.last.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.last = grow(this.last);
        this.size = grow(this.size);
      }
      this.last[s] = -1;
      this.bytes.push(new Uint8Array(4));
    }
    this.scratch.length = 0;
    pushVarint(this.scratch, id - this.last[s]! - 1);
    let buf = this.bytes[s]!;
    const at = this.size[s]!;
    if (at + this.scratch.length > buf.length) {
      const bigger = new Uint8Array(buf.length * 2 + this.scratch.length);
      bigger.set(buf.subarray(0, at));
      this.bytes[s] = buf = bigger;
    }
    buf.set(this.scratch, at);
    this.size[s] = at + this.scratch.length;
    this.last[s] = id;
  }

  *entries(): Generator<[key: number, varints: Uint8Array]> {
    for (const [key, s] of this.slot) yield [key, this.bytes[s]!.subarray(0, this.size[s])];
  }
}

/** Average shard size aimed at: a query fetches a few shards, each about this big. */
const SHARD_BYTES = 24_000;

/**
 * Builds the exact-search candidate index while the collection stage walks the speeches in
 * order (id 0 is the newest): every unigram and bigram of each block's normalised text, with the
 * ids of the speeches that contain it, cut into shards by key hash; and each speech's blocks
 * (`d/<id>.json`), which the browser fetches to verify candidates and show passages.
 */
export class SearchIndexWriter {
  private readonly postings = new Postings();
  private readonly facets: Record<string, Map<string, number[]>> = {};
  private readonly tmp: string;
  private readonly hash = createHash('sha256');
  private readonly outDir: string;
  private readonly t2s: T2S;
  private n = 0;

  constructor(outDir: string, t2s: T2S) {
    this.outDir = outDir;
    this.t2s = t2s;
    this.tmp = join(outDir, '.building');
    rmSync(this.tmp, { recursive: true, force: true });
    mkdirSync(join(this.tmp, 'd'), { recursive: true });
  }

  /** Add the next speech (ids are given in order: 0, 1, 2 …). */
  add(doc: SearchDoc, facets: Record<string, readonly string[]>): void {
    const id = this.n++;
    const seen = new Set<number>();
    for (const [, text] of doc.b) {
      const norm = normalize(text, this.t2s);
      let prev = 0;
      for (let i = 0; i < norm.length; i++) {
        const u = norm.charCodeAt(i);
        if (isGap(u)) {
          prev = 0;
          continue;
        }
        seen.add(unigram(u));
        if (prev) seen.add(bigram(prev, u));
        prev = u;
      }
    }
    for (const key of seen) this.postings.add(key, id);
    for (const [name, values] of Object.entries(facets)) {
      const byValue = (this.facets[name] ??= new Map());
      for (const v of new Set(values)) {
        const ids = byValue.get(v);
        if (ids) ids.push(id);
        else byValue.set(v, [id]);
      }
    }
    const json = JSON.stringify(doc);
    this.hash.update(json);
    writeFileSync(join(this.tmp, 'd', `${id}.json`), json);
  }

  /** Write the shards, facets and meta.json; returns the meta. */
  finish(): SearchMeta {
    const n = this.n;
    const bitmapBytes = Math.ceil(n / 8);
    let total = 0;
    for (const [, varints] of this.postings.entries()) total += 7 + Math.min(varints.length, bitmapBytes);
    let shards = 1;
    while (shards < 8192 && total / shards > SHARD_BYTES) shards *= 2;

    const parts: Uint8Array[][] = Array.from({ length: shards }, () => []);
    for (const [key, varints] of this.postings.entries()) {
      const head: number[] = [key & 0xff, (key >>> 8) & 0xff, (key >>> 16) & 0xff, key >>> 24];
      let body: Uint8Array;
      if (bitmapBytes < varints.length) {
        const bits = new Uint8Array(bitmapBytes);
        // Re-read the varints to set bits (ids ascend, last is the greatest).
        let id = -1;
        for (let at = 0; at < varints.length;) {
          let d = 0;
          let shift = 1;
          for (;;) {
            const b = varints[at++]!;
            d += (b & 0x7f) * shift;
            if (b < 0x80) break;
            shift *= 128;
          }
          id += d + 1;
          bits[id >> 3]! |= 1 << (id & 7);
        }
        head.push(1);
        pushVarint(head, bits.length);
        body = bits;
      } else {
        head.push(0);
        pushVarint(head, varints.length);
        body = varints;
      }
      parts[shardOf(key, shards)]!.push(Uint8Array.from(head), body);
    }
    mkdirSync(join(this.tmp, 'i'), { recursive: true });
    parts.forEach((entries, s) => {
      const buf = Buffer.concat(entries);
      this.hash.update(buf);
      writeFileSync(join(this.tmp, 'i', `${s}.bin`), buf);
    });

    const facets: FacetPostings = {};
    for (const [name, byValue] of Object.entries(this.facets)) {
      const out: Record<string, string> = (facets[name] = {});
      for (const [value, ids] of byValue) {
        const bytes: number[] = [];
        let lastId = -1;
        for (const id of ids) {
          pushVarint(bytes, id - lastId - 1);
          lastId = id;
        }
        out[value] = Buffer.from(bytes).toString('base64');
      }
    }
    const facetsJson = JSON.stringify(facets);
    this.hash.update(facetsJson);
    writeFileSync(join(this.tmp, 'facets.json'), facetsJson);

    const dir = this.hash.update(`${n}/${shards}`).digest('hex').slice(0, 12);
    rmSync(join(this.outDir, dir), { recursive: true, force: true });
    renameSync(this.tmp, join(this.outDir, dir));
    const meta: SearchMeta = { dir, speeches: n, shards };
    writeFileSync(join(this.outDir, 'meta.json'), JSON.stringify(meta));
    return meta;
  }
}
