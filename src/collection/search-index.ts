import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigram, isGap, shardOf, unigram } from '../search/keys.ts';
import { normTable, type T2S } from '../search/normalize.ts';
import { decodePostings, pushVarint } from '../search/postings.ts';
import type {
  FacetPostings,
  FormulationDoc,
  GlossarySearch,
  ListChunk,
  NoteDoc,
  SearchDoc,
  SearchMeta,
} from '../schemas/generated.ts';

/** Bytes of one arena chunk: 12 bytes of varints, then the index of the next chunk. */
const CHUNK = 16;
const PAYLOAD = 12;
/** Chunks per arena page (64 MB pages). */
const PAGE_CHUNKS = 1 << 22;

/**
 * Postings of every key, built in one pass over the collection in increasing speech-id order, as
 * varint bytes per key. 10,000 speeches hold millions of distinct keys and about 10⁸ postings, so
 * nothing here is an object per key: an open-addressing hash table of Int32 entries
 * [key, last id, first chunk, last chunk, bytes in last chunk], and the bytes in linked 16-byte
 * chunks of a few large arena pages.
 */
class Postings {
  private cap = 1 << 16;
  private table = new Int32Array(this.cap * 5).fill(-1);
  private count = 0;
  private pages: Uint8Array[] = [];
  private chunks = 0;

  private static hash(key: number): number {
    return Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 0;
  }

  private newChunk(): number {
    const c = this.chunks++;
    if ((c & (PAGE_CHUNKS - 1)) === 0) this.pages.push(new Uint8Array(PAGE_CHUNKS * CHUNK));
    return c;
  }

  private put(c: number, at: number, byte: number): void {
    this.pages[c >>> 22]![(c & (PAGE_CHUNKS - 1)) * CHUNK + at] = byte;
  }

  /** Record that speech `id` contains `key`; ids come in increasing order (repeats are ignored). */
  add(key: number, id: number): void {
    const t = this.table;
    const mask = this.cap - 1;
    let e = (Postings.hash(key) & mask) * 5;
    const k = key | 0;
    while (t[e + 2]! >= 0 && t[e] !== k) e = (e + 5) % (this.cap * 5);
    if (t[e + 2]! >= 0 && t[e + 1] === id) return;
    if (t[e + 2]! < 0) {
      const c = this.newChunk();
      t[e] = k;
      t[e + 1] = -1;
      t[e + 2] = c;
      t[e + 3] = c;
      t[e + 4] = 0;
      if (++this.count * 2 > this.cap) {
        this.rehash();
        this.add(key, id);
        return;
      }
    }
    let d = id - t[e + 1]! - 1;
    t[e + 1] = id;
    let c = t[e + 3]!;
    let fill = t[e + 4]!;
    for (;;) {
      if (fill === PAYLOAD) {
        const next = this.newChunk();
        const at = (c & (PAGE_CHUNKS - 1)) * CHUNK + PAYLOAD;
        const page = this.pages[c >>> 22]!;
        page[at] = next & 0xff;
        page[at + 1] = (next >>> 8) & 0xff;
        page[at + 2] = (next >>> 16) & 0xff;
        page[at + 3] = next >>> 24;
        c = next;
        fill = 0;
      }
      if (d < 0x80) {
        this.put(c, fill++, d);
        break;
      }
      this.put(c, fill++, (d & 0x7f) | 0x80);
      d >>>= 7;
    }
    t[e + 3] = c;
    t[e + 4] = fill;
  }

  private rehash(): void {
    const old = this.table;
    this.cap *= 2;
    this.table = new Int32Array(this.cap * 5).fill(-1);
    const mask = this.cap - 1;
    for (let e = 0; e < old.length; e += 5) {
      if (old[e + 2]! < 0) continue;
      let f = (Postings.hash(old[e]! >>> 0) & mask) * 5;
      while (this.table[f + 2]! >= 0) f = (f + 5) % (this.cap * 5);
      this.table.set(old.subarray(e, e + 5), f);
    }
  }

  *entries(): Generator<[key: number, varints: Uint8Array]> {
    const t = this.table;
    for (let e = 0; e < t.length; e += 5) {
      if (t[e + 2]! < 0) continue;
      const out: number[] = [];
      for (let c = t[e + 2]!; ;) {
        const page = this.pages[c >>> 22]!;
        const at = (c & (PAGE_CHUNKS - 1)) * CHUNK;
        if (c === t[e + 3]) {
          for (let i = 0; i < t[e + 4]!; i++) out.push(page[at + i]!);
          break;
        }
        for (let i = 0; i < PAYLOAD; i++) out.push(page[at + i]!);
        c =
          page[at + PAYLOAD]! |
          (page[at + PAYLOAD + 1]! << 8) |
          (page[at + PAYLOAD + 2]! << 16) |
          (page[at + PAYLOAD + 3]! << 24);
      }
      yield [t[e]! >>> 0, Uint8Array.from(out)];
    }
  }
}

/** Average shard size aimed at: a query fetches a few shards, each about this big. */
const SHARD_BYTES = 24_000;
/**
 * Speeches per list chunk (`m/<n>.json`, about 5 KB): a filter without a query lists 20 speeches
 * from a chunk or two (a year is a run of ids) to twenty (a theme spread over the collection).
 */
const LIST_CHUNK = 32;

/** Formulations per search document (about 4 KB): a query verifies the most used first. */
export const FORMULATION_DOC = 64;

/**
 * Builds the exact-search candidate index while the collection stage walks the speeches in
 * order (id 0 is the newest): every unigram and bigram of each block's normalised text, with the
 * ids of the speeches that contain it, cut into shards by key hash; and each speech's blocks
 * (`d/<id>.json`), which the browser fetches to verify candidates and show passages. After the
 * speeches, each speech's editorial notes are one more document (ids from `speeches` on), in the
 * same shards; a short list of every speech (`m/<n>.json`) lists a filter without a query, and
 * the glossary (`glossary.json`, hand-written and small) is searched whole.
 */
export class SearchIndexWriter {
  private readonly postings = new Postings();
  private readonly facets: Record<string, Map<string, number[]>> = {};
  private readonly tmp: string;
  private readonly hash = createHash('sha256');
  private readonly outDir: string;
  private readonly table: Uint16Array;
  private readonly marks = new Int32Array(65536);
  private readonly list: ListChunk = [];
  private glossaryJson = '[]';
  private n = 0;
  /** Speeches, once the first notes document is added (no speech may follow). */
  private speeches = -1;
  /** Speeches and notes documents, once the first formulations are added (no note may follow). */
  private notesEnd = -1;

  constructor(outDir: string, t2s: T2S) {
    this.outDir = outDir;
    this.table = normTable(t2s);
    // Written in place (a rebuild of 10,000 speeches should not first delete 10,000 files);
    // what the previous build left beyond this one's speeches and shards is pruned at the end.
    this.tmp = join(outDir, 'idx');
    mkdirSync(join(this.tmp, 'd'), { recursive: true });
    mkdirSync(join(this.tmp, 'i'), { recursive: true });
    mkdirSync(join(this.tmp, 'm'), { recursive: true });
  }

  /** Add the next speech (ids are given in order: 0, 1, 2 …); returns its id. */
  add(doc: SearchDoc, facets: Record<string, readonly string[]>): number {
    if (this.speeches >= 0) throw new Error('SearchIndexWriter: a speech added after the notes');
    const id = this.put(doc, facets);
    this.list.push([doc.u, doc.t, doc.d, doc.k, doc.l]);
    return id;
  }

  /**
   * Add the notes of one speech, after every speech and in speech order, with the facets of
   * their speech (so a filter applies to them too).
   */
  addNotes(doc: NoteDoc, facets: Record<string, readonly string[]>): number {
    if (this.notesEnd >= 0) throw new Error('SearchIndexWriter: notes added after the formulations');
    if (this.speeches < 0) this.speeches = this.n;
    return this.put(doc, facets);
  }

  /**
   * Add the collection's formulations (text, speeches using it), most used first, after the
   * notes: FORMULATION_DOC to a document, with no facets (a filtered search leaves them out).
   */
  addFormulations(items: ReadonlyArray<readonly [text: string, speeches: number]>): void {
    if (this.speeches < 0) this.speeches = this.n;
    if (this.notesEnd < 0) this.notesEnd = this.n;
    for (let i = 0; i < items.length; i += FORMULATION_DOC) {
      const run = items.slice(i, i + FORMULATION_DOC);
      const doc: FormulationDoc = {
        u: '/formulations/',
        t: '提法',
        d: '',
        k: 0,
        l: '',
        b: run.map(([text], j) => [`f${i + j}`, text]),
        n: run.map(([, speeches]) => speeches),
      };
      this.put(doc, {});
    }
  }

  /** The glossary, searched whole: [slug, term, aliases, definition] per term. */
  glossary(terms: GlossarySearch): void {
    this.glossaryJson = JSON.stringify(terms);
  }

  private put(doc: SearchDoc, facets: Record<string, readonly string[]>): number {
    const id = this.n++;
    const table = this.table;
    // Unigrams are deduplicated here with a per-speech mark (65,536 of them); repeated bigrams
    // are dropped by the table, which remembers the last speech of each key.
    const marks = this.marks;
    const stamp = id + 1;
    for (const [, text] of doc.b) {
      let prev = 0;
      for (let i = 0; i < text.length; i++) {
        const u = table[text.charCodeAt(i)]!;
        if (isGap(u)) {
          prev = 0;
          continue;
        }
        if (marks[u] !== stamp) {
          marks[u] = stamp;
          this.postings.add(unigram(u), id);
        }
        if (prev) this.postings.add(bigram(prev, u), id);
        prev = u;
      }
    }
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
    return id;
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
        for (const id of decodePostings(0, varints)) bits[id >> 3]! |= 1 << (id & 7);
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
    parts.forEach((entries, s) => {
      const buf = Buffer.concat(entries);
      this.hash.update(buf);
      writeFileSync(join(this.tmp, 'i', `${s}.bin`), buf);
    });

    // Built by fromEntries, so every value is a key as written (`out[value] =` would drop `__proto__`).
    const facets: FacetPostings = Object.fromEntries(
      Object.entries(this.facets).map(([name, byValue]) => [
        name,
        Object.fromEntries(
          [...byValue].map(([value, ids]) => {
            const bytes: number[] = [];
            let lastId = -1;
            for (const id of ids) {
              pushVarint(bytes, id - lastId - 1);
              lastId = id;
            }
            return [value, Buffer.from(bytes).toString('base64')];
          }),
        ),
      ]),
    );
    const facetsJson = JSON.stringify(facets);
    this.hash.update(facetsJson);
    writeFileSync(join(this.tmp, 'facets.json'), facetsJson);
    const chunks = Math.ceil(this.list.length / LIST_CHUNK);
    for (let c = 0; c < chunks; c++) {
      const json = JSON.stringify(this.list.slice(c * LIST_CHUNK, (c + 1) * LIST_CHUNK));
      this.hash.update(json);
      writeFileSync(join(this.tmp, 'm', `${c}.json`), json);
    }
    this.hash.update(this.glossaryJson);
    writeFileSync(join(this.tmp, 'glossary.json'), this.glossaryJson);

    const prune = (sub: string, keep: (n: number) => boolean) => {
      for (const f of readdirSync(join(this.tmp, sub))) if (!keep(parseInt(f, 10))) rmSync(join(this.tmp, sub, f));
    };
    prune('d', (id) => id < n);
    prune('i', (k) => k < shards);
    prune('m', (c) => c < chunks);
    const speeches = this.speeches < 0 ? n : this.speeches;
    const notesEnd = this.notesEnd < 0 ? n : this.notesEnd;
    const v = this.hash.update(`${n}/${speeches}/${notesEnd}/${shards}`).digest('hex').slice(0, 12);
    const meta: SearchMeta = {
      v,
      speeches,
      notes: notesEnd - speeches,
      formulations: n - notesEnd,
      shards,
      chunk: LIST_CHUNK,
    };
    writeFileSync(join(this.outDir, 'meta.json'), JSON.stringify(meta));
    return meta;
  }
}
