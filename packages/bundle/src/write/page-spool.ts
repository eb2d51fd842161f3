import { open, rm, type FileHandle } from 'node:fs/promises';
import type { PreparedEntry } from './zip-writer.js';

/**
 * Prepared (deflated) entries parked in a temporary file until the writer can take them: pages
 * render while evidence streams, and tens of thousands of them would otherwise wait in memory.
 * Entries come back in the order they were added, byte for byte. Writes and reads go through a
 * 1 MiB buffer: tens of thousands of small entries would otherwise cost a round trip to the
 * disk each.
 */
export interface PageSpool {
  add(entry: PreparedEntry): Promise<void>;
  /** Park a deflated entry whose bytes arrive in pieces; `summary` gives the CRC-32 and size of its uncompressed bytes once all have come. */
  addDeflated(path: string, pieces: AsyncIterable<Uint8Array>, summary: () => { crc: number; size: number }): Promise<void>;
  /** The entries added, in order; each one's bytes are read back when it is reached. */
  drain(): AsyncGenerator<PreparedEntry>;
  /** Close and delete the file (also after a failure). */
  remove(): Promise<void>;
}

type Parked = Omit<PreparedEntry, 'data'> & { offset: number; length: number };

/**
 * A parked entry, written out field by field: tens of thousands of them are held, and objects made by
 * spreading can each get a hidden class of their own in a large program (80 bytes and more apiece).
 */
const parkedEntry = (path: string, method: 0 | 8, crc: number, size: number, offset: number, length: number): Parked => ({ path, method, crc, size, offset, length });

/** Bytes gathered before a write, and read at once when draining. */
const BUFFER = 1 << 20;

export async function createPageSpool(file: string): Promise<PageSpool> {
  const handle: FileHandle = await open(file, 'w+');
  const parked: Parked[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  /** Bytes parked so far, the pending ones included: the file holds `end - pendingBytes`. */
  let end = 0;
  let closed = false;

  const flush = async () => {
    const at = end - pendingBytes;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    let written = 0;
    while (written < data.length) written += (await handle.write(data, written, data.length - written, at + written)).bytesWritten;
  };
  const append = async (data: Uint8Array) => {
    pending.push(data);
    pendingBytes += data.length;
    end += data.length;
    if (pendingBytes >= BUFFER) await flush();
  };
  const readAt = async (offset: number, length: number): Promise<Buffer> => {
    const data = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(data, read, length - read, offset + read);
      if (bytesRead === 0) throw new Error(`${file} ended early: the bundle's parked pages were cut short`);
      read += bytesRead;
    }
    return data;
  };

  return {
    async add(entry) {
      parked.push(parkedEntry(entry.path, entry.method, entry.crc, entry.size, end, entry.data.length));
      await append(entry.data);
    },
    async addDeflated(path, pieces, summary) {
      const offset = end;
      for await (const piece of pieces) await append(piece);
      const { crc, size } = summary();
      parked.push(parkedEntry(path, 8, crc, size, offset, end - offset));
    },
    async *drain() {
      if (pendingBytes > 0) await flush();
      let window: Buffer = Buffer.alloc(0);
      let windowStart = 0;
      for (const { path, method, crc, size, offset, length } of parked.splice(0)) {
        if (offset < windowStart || offset + length > windowStart + window.length) {
          windowStart = offset;
          window = await readAt(offset, Math.min(Math.max(length, BUFFER), end - offset));
        }
        // A copy: the entry outlives the window it was read in.
        yield { path, method, crc, size, data: Buffer.from(window.subarray(offset - windowStart, offset - windowStart + length)) };
      }
    },
    async remove() {
      if (!closed) {
        closed = true;
        await handle.close();
      }
      await rm(file, { force: true });
    },
  };
}
