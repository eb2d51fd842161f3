import { open, rm, type FileHandle } from 'node:fs/promises';
import type { PreparedEntry } from './zip-writer.js';

/**
 * Prepared (deflated) entries parked in a temporary file until the writer can take them: pages
 * render while evidence streams, and tens of thousands of them would otherwise wait in memory.
 * Each entry is parked with its place (`at`) in the order they are drained, which need not be
 * the order they were added in; they come back byte for byte. Writes go through a 1 MiB buffer
 * and reads through a few 1 MiB windows: tens of thousands of small entries would otherwise cost
 * a round trip to the disk each, and entries added in a few runs (say, pages with rendered
 * bodies first, then the others) drain in their own order without reading the file twice.
 */
export interface PageSpool {
  add(entry: PreparedEntry, at: number): Promise<void>;
  /** Park a deflated entry whose bytes arrive in pieces; `summary` gives the CRC-32 and size of its uncompressed bytes once all have come. */
  addDeflated(path: string, at: number, pieces: AsyncIterable<Uint8Array>, summary: () => { crc: number; size: number }): Promise<void>;
  /** The entries added, by their place; each one's bytes are read back when it is reached. */
  drain(): AsyncGenerator<PreparedEntry>;
  /** Close and delete the file (also after a failure). */
  remove(): Promise<void>;
}

type Parked = Omit<PreparedEntry, 'data'> & { at: number; offset: number; length: number };

/**
 * A parked entry, written out field by field: tens of thousands of them are held, and objects made by
 * spreading can each get a hidden class of their own in a large program (80 bytes and more apiece).
 */
const parkedEntry = (path: string, method: 0 | 8, crc: number, size: number, at: number, offset: number, length: number): Parked => ({ path, method, crc, size, at, offset, length });

/** Bytes gathered before a write, and read at once when draining. */
const BUFFER = 1 << 20;
/** Read windows kept while draining: one per run of entries parked in drain order. */
const WINDOWS = 4;

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
    async add(entry, at) {
      parked.push(parkedEntry(entry.path, entry.method, entry.crc, entry.size, at, end, entry.data.length));
      await append(entry.data);
    },
    async addDeflated(path, at, pieces, summary) {
      const offset = end;
      for await (const piece of pieces) await append(piece);
      const { crc, size } = summary();
      parked.push(parkedEntry(path, 8, crc, size, at, offset, end - offset));
    },
    async *drain() {
      if (pendingBytes > 0) await flush();
      /** The windows read last, the most recent first. */
      const windows: { start: number; data: Buffer }[] = [];
      const windowFor = async (offset: number, length: number) => {
        const index = windows.findIndex((w) => offset >= w.start && offset + length <= w.start + w.data.length);
        const window = index >= 0 ? windows.splice(index, 1)[0]! : { start: offset, data: await readAt(offset, Math.min(Math.max(length, BUFFER), end - offset)) };
        windows.unshift(window);
        windows.length = Math.min(windows.length, WINDOWS);
        return window;
      };
      for (const { path, method, crc, size, offset, length } of parked.splice(0).sort((a, b) => a.at - b.at)) {
        const window = await windowFor(offset, length);
        // A view, not a copy: a copy of a small entry would come from Node's buffer pool, whose slabs anything long-lived
        // allocated beside it keeps alive. The window stays alive while the view waits in the zip's output buffer.
        yield { path, method, crc, size, data: window.data.subarray(offset - window.start, offset - window.start + length) };
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
