import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip file of deflated entries, the container of a .docx (ECMA-376 Part 2: no encryption, no
 * Zip64, names in ASCII), written here so that the parts every Word file shares are compressed
 * once per process and only a speech's own parts each time.
 */

/** One entry, compressed: its name, the CRC-32 and size of its bytes, and their DEFLATE stream. */
export interface ZipEntry {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
}

/**
 * zlib's level 3: measured on 400 speeches' document.xml, 0.83 ms a part against 1.40 ms at the
 * default level 6 (docx's own, through fflate: 2.8 ms), for files 4% larger (22.7 KB against 21.8).
 */
const LEVEL = 3;

/** A file's entry: its bytes (strings as UTF-8) deflated. */
export function zipEntry(name: string, content: string | Uint8Array): ZipEntry {
  if (!/^[\x20-\x7e]+$/u.test(name)) throw new Error(`zip entry name not printable ASCII: ${name}`);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name: Buffer.from(name, 'latin1'),
    crc: crc32(bytes),
    size: bytes.length,
    data: deflateRawSync(bytes, { level: LEVEL }),
  };
}

/** MS-DOS time and date (local time, two-second steps), as zip headers carry them. */
function dosTime(d: Date): [time: number, date: number] {
  return [
    (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    ((Math.min(Math.max(d.getFullYear(), 1980), 2107) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  ];
}

/**
 * The zip file of the entries, in their order, each dated `at`: a local header and the data of
 * each, then the central directory and its end record (APPNOTE 6.3, §4.3).
 */
export function zip(entries: readonly ZipEntry[], at = new Date()): Buffer {
  const [time, date] = dosTime(at);
  const local = entries.reduce((n, e) => n + 30 + e.name.length + e.data.length, 0);
  const central = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  if (local + central + 22 > 0xffffffff || entries.length > 0xffff) throw new Error('zip file too large');
  const out = Buffer.alloc(local + central + 22);
  let p = 0;
  let c = local;
  for (const e of entries) {
    // Local file header: version 2.0 needed (DEFLATE), no flags, method 8.
    out.writeUInt32LE(0x04034b50, p);
    out.writeUInt16LE(20, p + 4);
    out.writeUInt16LE(0, p + 6);
    out.writeUInt16LE(8, p + 8);
    out.writeUInt16LE(time, p + 10);
    out.writeUInt16LE(date, p + 12);
    out.writeUInt32LE(e.crc, p + 14);
    out.writeUInt32LE(e.data.length, p + 18);
    out.writeUInt32LE(e.size, p + 22);
    out.writeUInt16LE(e.name.length, p + 26);
    out.writeUInt16LE(0, p + 28);
    e.name.copy(out, p + 30);
    e.data.copy(out, p + 30 + e.name.length);
    // Its central directory header: made by version 2.0 (MS-DOS attributes, none set).
    out.writeUInt32LE(0x02014b50, c);
    out.writeUInt16LE(20, c + 4);
    out.writeUInt16LE(20, c + 6);
    out.writeUInt16LE(0, c + 8);
    out.writeUInt16LE(8, c + 10);
    out.writeUInt16LE(time, c + 12);
    out.writeUInt16LE(date, c + 14);
    out.writeUInt32LE(e.crc, c + 16);
    out.writeUInt32LE(e.data.length, c + 20);
    out.writeUInt32LE(e.size, c + 24);
    out.writeUInt16LE(e.name.length, c + 28);
    // Extra field, comment, disk number, internal and external attributes: none (Buffer.alloc zeroed them).
    out.writeUInt32LE(p, c + 42);
    e.name.copy(out, c + 46);
    p += 30 + e.name.length + e.data.length;
    c += 46 + e.name.length;
  }
  // End of central directory: one disk, every entry on it.
  out.writeUInt32LE(0x06054b50, c);
  out.writeUInt16LE(entries.length, c + 8);
  out.writeUInt16LE(entries.length, c + 10);
  out.writeUInt32LE(central, c + 12);
  out.writeUInt32LE(local, c + 16);
  return out;
}
