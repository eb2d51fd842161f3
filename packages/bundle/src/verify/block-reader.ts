import { read as readCallback } from 'node:fs';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import yauzl from 'yauzl';

const readAt = promisify(readCallback);
/** Size of a cached block and of each read of a long range. */
export const BLOCK = 1 << 20;
/** Blocks kept: one where the zip's directory is read, one where entries are read, one spare. */
const KEPT = 3;

/**
 * A zip file read a block of 1 MiB at a time: the many small reads of headers and small entries
 * (tens of thousands in a bundle) come from the few blocks kept in memory instead of a system call
 * each. yauzl reads the zip's directory through it; long ranges stream in blocks without the cache.
 */
export class BlockReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
  }

  private block(index: number): Promise<Buffer> {
    let block = this.blocks.get(index);
    if (block) {
      this.blocks.delete(index);
    } else {
      const start = index * BLOCK;
      const buffer = Buffer.allocUnsafe(Math.min(BLOCK, this.size - start));
      block = readAt(this.fd, buffer, 0, buffer.length, start).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
      if (this.blocks.size >= KEPT) this.blocks.delete(this.blocks.keys().next().value!);
    }
    this.blocks.set(index, block);
    return block;
  }

  /** `length` bytes at `position`, copied out of the cached blocks (a fresh buffer); fewer at the end of the file. */
  async bytes(position: number, length: number): Promise<Buffer> {
    const end = Math.min(position + length, this.size);
    const out = Buffer.allocUnsafe(Math.max(0, end - position));
    for (let at = position; at < end; ) {
      const block = await this.block(Math.floor(at / BLOCK));
      const from = at % BLOCK;
      const copied = block.copy(out, at - position, from, Math.min(block.length, from + (end - at)));
      if (copied === 0) return out.subarray(0, at - position);
      at += copied;
    }
    return out;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    this.bytes(position, length).then(
      (bytes) => {
        if (bytes.length < length) return callback(new Error('unexpected end of the zip'));
        bytes.copy(buffer, offset);
        callback(null);
      },
      (error: Error) => callback(error),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const { fd } = this;
    return Readable.from(
      (async function* () {
        for (let at = start; at < end; ) {
          const buffer = Buffer.allocUnsafe(Math.min(BLOCK, end - at));
          const { bytesRead } = await readAt(fd, buffer, 0, buffer.length, at);
          if (bytesRead === 0) throw new Error('unexpected end of the zip');
          yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
          at += bytesRead;
        }
      })(),
      { objectMode: false },
    );
  }
}
