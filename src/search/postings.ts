/**
 * Postings lists: the sorted ids of the speeches that contain a key. Stored as delta-encoded
 * LEB128 varints, or, for a key that most speeches contain, as a bitmap, whichever is smaller.
 * Shard file: repeated [key: u32 LE][kind: u8 (0 varint, 1 bitmap)][length: varint][bytes].
 */

/** Append an unsigned integer as a LEB128 varint. */
export function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** Read a LEB128 varint at `at`; returns [value, next offset]. */
export function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let n = 0;
  let shift = 1;
  for (;;) {
    const b = bytes[at++]!;
    n += (b & 0x7f) * shift;
    if (b < 0x80) return [n, at];
    shift *= 128;
  }
}

/** Decode one postings list. */
export function decodePostings(kind: number, bytes: Uint8Array): number[] {
  const ids: number[] = [];
  if (kind === 1) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b) for (let j = 0; j < 8; j++) if (b & (1 << j)) ids.push(i * 8 + j);
    }
    return ids;
  }
  let last = -1;
  for (let at = 0; at < bytes.length;) {
    const [d, next] = readVarint(bytes, at);
    at = next;
    last += d + 1;
    ids.push(last);
  }
  return ids;
}

/** Find one key's postings in a shard file, or [] when no speech has it. */
export function lookup(shard: Uint8Array, key: number): number[] {
  const view = new DataView(shard.buffer, shard.byteOffset, shard.byteLength);
  for (let at = 0; at < shard.length;) {
    const k = view.getUint32(at, true);
    const kind = shard[at + 4]!;
    const [len, start] = readVarint(shard, at + 5);
    if (k === key) return decodePostings(kind, shard.subarray(start, start + len));
    at = start + len;
  }
  return [];
}

/** Intersect sorted id lists. */
export function intersect(lists: readonly number[][]): number[] {
  if (lists.length === 0) return [];
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = sorted[0]!;
  for (const l of sorted.slice(1)) {
    const set = new Set(l);
    out = out.filter((id) => set.has(id));
  }
  return out;
}
