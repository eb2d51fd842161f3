import { open, rm, type FileHandle } from 'node:fs/promises';
import type { PreparedEntry } from './zip-writer.js';

/**
 * Prepared (deflated) entries parked in a temporary file until the writer can take them: pages
 * render while evidence streams into the zip, and tens of thousands of them would otherwise wait in
 * memory. Entries come back in the order they were added, byte for byte.
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

export async function createPageSpool(file: string): Promise<PageSpool> {
  const handle: FileHandle = await open(file, 'w+');
  const parked: Parked[] = [];
  let end = 0;
  let closed = false;
  const append = async (data: Uint8Array) => {
    let written = 0;
    while (written < data.length) written += (await handle.write(data, written, data.length - written, end + written)).bytesWritten;
    end += data.length;
  };
  return {
    async add({ data, ...entry }) {
      const offset = end;
      await append(data);
      parked.push({ ...entry, offset, length: data.length });
    },
    async addDeflated(path, pieces, summary) {
      const offset = end;
      for await (const piece of pieces) await append(piece);
      parked.push({ path, method: 8, ...summary(), offset, length: end - offset });
    },
    async *drain() {
      for (const { offset, length, ...entry } of parked.splice(0)) {
        const data = Buffer.alloc(length);
        let read = 0;
        while (read < length) {
          const { bytesRead } = await handle.read(data, read, length - read, offset + read);
          if (bytesRead === 0) throw new Error(`${file} ended early: the bundle's parked pages were cut short`);
          read += bytesRead;
        }
        yield { ...entry, data };
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
