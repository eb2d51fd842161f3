import { writeFile } from 'node:fs/promises';
import zlib from 'node:zlib';
import { crc32 } from '../write/crc32.js';

/** One entry of a hand-made zip: whatever a hostile writer could put in its headers. */
export interface RawEntry {
  name: string;
  /** The content, deflated (level 6) unless `method` is 0. Ignored when `data` is given. */
  content?: Buffer;
  /** The entry's data exactly as stored (already deflated when `method` is 8). */
  data?: Buffer;
  /** 0 stored, 8 deflated (default: 8 for `content`, 0 for `data`). */
  method?: number;
  /** The uncompressed size the headers state (default: the content's). */
  size?: number;
  /** Unix mode in the external attributes (default 0o100644, a regular file). */
  mode?: number;
  /** Another name for the local header (default: the same). */
  localName?: string;
  /** Index of an earlier entry whose local header and data this entry's directory record points at. */
  sameDataAs?: number;
}

/** A buffer written front to back in little-endian fields. */
class Cursor {
  at = 0;
  constructor(readonly buffer: Buffer) {}
  u16(...values: number[]): this {
    for (const v of values) this.at = this.buffer.writeUInt16LE(v, this.at);
    return this;
  }
  u32(...values: number[]): this {
    for (const v of values) this.at = this.buffer.writeUInt32LE(v >>> 0, this.at);
    return this;
  }
  u64(...values: number[]): this {
    for (const v of values) this.at = this.buffer.writeBigUInt64LE(BigInt(v), this.at);
    return this;
  }
  bytes(b: Buffer): this {
    this.at += b.copy(this.buffer, this.at);
    return this;
  }
}

/**
 * Write a zip byte by byte (no zip64 sizes, UTF-8 names, no data descriptors), so tests can build what no
 * well-behaved writer would: links, lying sizes, overlapping entries, names that leave the folder, more
 * entries than the directory should hold (`claimEntries` states another count, in a zip64 end record).
 */
export async function writeRawZip(file: string, entries: readonly RawEntry[], options: { claimEntries?: number } = {}): Promise<void> {
  interface Planned { name: Buffer; localName: Buffer; data: Buffer; method: number; crc: number; size: number; mode: number; of: number }
  const planned: Planned[] = [];
  for (const entry of entries) {
    const earlier = entry.sameDataAs === undefined ? undefined : planned[entry.sameDataAs]!;
    const method = earlier?.method ?? entry.method ?? (entry.data ? 0 : 8);
    const content = entry.content ?? Buffer.alloc(0);
    const data = earlier?.data ?? entry.data ?? (method === 8 ? zlib.deflateRawSync(content) : content);
    planned.push({
      name: Buffer.from(entry.name),
      localName: Buffer.from(entry.localName ?? entry.name),
      data,
      method,
      crc: earlier?.crc ?? (entry.data ? 0 : crc32(content)),
      size: earlier?.size ?? entry.size ?? (entry.data ? data.length : content.length),
      mode: entry.mode ?? 0o100644,
      of: entry.sameDataAs ?? planned.length,
    });
  }
  const own = planned.filter((p, i) => p.of === i);
  const localBytes = own.reduce((sum, p) => sum + 30 + p.localName.length + p.data.length, 0);
  const centralBytes = planned.reduce((sum, p) => sum + 46 + p.name.length, 0);
  const count = options.claimEntries ?? planned.length;
  const zip64 = count >= 0xffff;
  const out = new Cursor(Buffer.alloc(localBytes + centralBytes + 22 + (zip64 ? 76 : 0)));
  const offsets: number[] = [];
  planned.forEach((p, i) => {
    offsets.push(p.of === i ? out.at : offsets[p.of]!);
    if (p.of !== i) return;
    out.u32(0x04034b50).u16(20, 0x800, p.method, 0, 0x21).u32(p.crc, p.data.length, p.size).u16(p.localName.length, 0).bytes(p.localName).bytes(p.data);
  });
  const start = out.at;
  planned.forEach((p, i) => {
    out.u32(0x02014b50).u16(0x031e, 20, 0x800, p.method, 0, 0x21).u32(p.crc, p.data.length, p.size).u16(p.name.length, 0, 0, 0, 0);
    out.u32(p.mode * 0x10000, offsets[i]!).bytes(p.name);
  });
  const end = out.at;
  if (zip64) {
    // The zip64 end of central directory record and its locator, for counts past 16 bits.
    out.u32(0x06064b50).u64(44).u16(0x031e, 45).u32(0, 0).u64(count, count, end - start, start);
    out.u32(0x07064b50, 0).u64(end).u32(1);
  }
  out.u32(0x06054b50).u16(0, 0, Math.min(count, 0xffff), Math.min(count, 0xffff)).u32(end - start, start).u16(0);
  await writeFile(file, out.buffer);
}

/**
 * Raw deflate data that inflates to `mebibytes` MiB of zeros from about a thousandth of that: the same
 * 1 MiB block (flushed, so blocks are independent) repeated, then an empty final block.
 */
export function deflateBomb(mebibytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff])]);
}
