import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { crc32 } from './crc32.js';

/** An entry whose bytes are already in memory, deflated (or not) and checksummed: ready to append. */
export interface PreparedEntry {
  path: string;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Buffer;
}

interface CentralRecord {
  /** The entry's path, encoded when a header is written: tens of thousands of small buffers kept to the end would each pin a slab of Node's buffer pool. */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const DOS_TIME = 0;
/** 1980-01-01: every entry carries this date, so the bytes never depend on the clock or the time zone. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8 = 1 << 11;
const DESCRIPTOR = 1 << 3;
/** A regular file, rw-r--r--, in the high half of the external attributes (Unix). */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const MADE_BY_UNIX = (3 << 8) | 45;
const LIMIT = 0xffffffff;
/** Streams this large or larger get ZIP64 sizes from the start (deflate can grow data slightly). */
const STREAM_ZIP64_FROM = 0xf0000000;

/** Deflate (level 6) and checksum bytes in memory; `compress: false`, or data that would not shrink, is stored. */
export function prepareEntry(path: string, bytes: Uint8Array, compress: boolean): PreparedEntry {
  return preparedFrom(path, bytes, compress && bytes.length > 0 ? zlib.deflateRawSync(bytes, { level: 6 }) : undefined);
}

/** An entry from its bytes and, when it was deflated, the deflated bytes (kept only if smaller). */
export function preparedFrom(path: string, bytes: Uint8Array, deflated: Buffer | undefined): PreparedEntry {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = !deflated || deflated.length >= input.length;
  // zlib may return a view of a larger output buffer: copy, so a kept entry holds only its own bytes.
  return { path, method: stored ? 0 : 8, crc: crc32(input), size: input.length, data: stored ? input : Buffer.from(deflated) };
}

/**
 * A minimal ZIP writer for deterministic archives: fixed date and mode, no extra
 * timestamps, UTF-8 names, entries in the order they are added, ZIP64 only where
 * a size, an offset or the entry count needs it. Streams are deflated on zlib's
 * thread pool and checksummed as they flow; their sizes follow in a data descriptor.
 * Writes respect back-pressure from `output`.
 */
export class ZipWriter {
  private offset = 0;
  private readonly central: CentralRecord[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly output: Writable) {}

  /** Bytes written so far. */
  get written(): number {
    return this.offset;
  }

  private async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.output.write(chunk)) await once(this.output, 'drain');
  }

  private name(path: string): string {
    if (this.names.has(path)) throw new Error(`Duplicate zip entry ${path}`);
    if (path === '' || path.startsWith('/') || path.split('/').includes('..')) throw new Error(`Unsafe zip entry name ${path}`);
    this.names.add(path);
    return path;
  }

  /** Append an entry prepared in memory (sizes and checksum known: no data descriptor). */
  async addPrepared(entry: PreparedEntry): Promise<void> {
    const name = this.name(entry.path);
    const zip64 = entry.size >= LIMIT || entry.data.length >= LIMIT;
    const record: CentralRecord = { name, method: entry.method, flags: UTF8, crc: entry.crc, compressed: entry.data.length, size: entry.size, offset: this.offset };
    await this.write(localHeader(record, zip64 ? zip64Sizes(entry.size, entry.data.length) : undefined));
    await this.write(entry.data);
    this.central.push(record);
  }

  /**
   * Append an entry from a stream of `size` bytes: deflated when `compress`, checksummed
   * as it flows, sizes in a data descriptor. Resolves when the entry is fully written;
   * rejects when the stream fails or does not hold exactly `size` bytes.
   */
  async addStream(path: string, input: Readable, options: { compress: boolean; size: number; level?: number }): Promise<void> {
    const name = this.name(path);
    const zip64 = options.size >= STREAM_ZIP64_FROM;
    const record: CentralRecord = { name, method: options.compress ? 8 : 0, flags: UTF8 | DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset: this.offset };
    await this.write(localHeader(record, zip64 ? zip64Sizes(0, 0) : undefined));
    let crc = 0;
    let size = 0;
    const start = this.offset;
    const deflate = options.compress ? zlib.createDeflateRaw({ level: options.level ?? 6 }) : undefined;
    const copy = async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) await this.write(chunk);
    };
    const feed = async () => {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (!deflate) await this.write(chunk);
        else if (!deflate.write(chunk)) await once(deflate, 'drain');
      }
      deflate?.end();
    };
    try {
      await Promise.all([feed(), deflate ? copy(deflate) : undefined]);
    } catch (error) {
      deflate?.destroy();
      input.destroy();
      throw error;
    }
    if (size !== options.size) throw new Error(`${path} holds ${size} bytes, expected ${options.size}: it changed while being written`);
    record.crc = crc;
    record.size = size;
    record.compressed = this.offset - start;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(record.compressed), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(record.compressed, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    await this.write(descriptor);
    this.central.push(record);
  }

  /** Write the central directory and the end records, then end `output`. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const record of this.central) await this.write(centralHeader(record));
    const size = this.offset - start;
    const count = this.central.length;
    if (count >= 0xffff || size >= LIMIT || start >= LIMIT) {
      const end64 = this.offset;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(MADE_BY_UNIX, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(end64), 8);
      locator.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([record, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(size, LIMIT), 12);
    end.writeUInt32LE(Math.min(start, LIMIT), 16);
    await this.write(end);
    this.output.end();
  }
}

function zip64Sizes(size: number, compressed: number): Buffer {
  const extra = Buffer.alloc(20);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(16, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(compressed), 12);
  return extra;
}

function localHeader(r: CentralRecord, zip64Extra: Buffer | undefined): Buffer {
  const name = Buffer.from(r.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64Extra ? 45 : 20, 4);
  header.writeUInt16LE(r.flags, 6);
  header.writeUInt16LE(r.method, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(r.crc >>> 0, 14);
  header.writeUInt32LE(zip64Extra ? LIMIT : r.compressed, 18);
  header.writeUInt32LE(zip64Extra ? LIMIT : r.size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(zip64Extra?.length ?? 0, 28);
  return Buffer.concat(zip64Extra ? [header, name, zip64Extra] : [header, name]);
}

function centralHeader(r: CentralRecord): Buffer {
  const big = [r.size >= LIMIT ? r.size : undefined, r.compressed >= LIMIT ? r.compressed : undefined, r.offset >= LIMIT ? r.offset : undefined].filter((v): v is number => v !== undefined);
  const extra = Buffer.alloc(big.length ? 4 + 8 * big.length : 0);
  if (big.length) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8 * big.length, 2);
    big.forEach((value, i) => extra.writeBigUInt64LE(BigInt(value), 4 + 8 * i));
  }
  const name = Buffer.from(r.name, 'utf8');
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  header.writeUInt16LE(big.length ? 45 : 20, 6);
  header.writeUInt16LE(r.flags, 8);
  header.writeUInt16LE(r.method, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(r.crc >>> 0, 16);
  header.writeUInt32LE(Math.min(r.compressed, LIMIT), 20);
  header.writeUInt32LE(Math.min(r.size, LIMIT), 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  header.writeUInt32LE(FILE_ATTRIBUTES, 38);
  header.writeUInt32LE(Math.min(r.offset, LIMIT), 42);
  return Buffer.concat([header, name, extra]);
}
