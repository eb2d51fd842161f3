import { createHash } from 'node:crypto';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { crc32 } from './crc32.js';

export interface DeflatedPieces {
  /** The raw-deflated bytes, a piece at a time; reading them drives the encoding. */
  pieces: AsyncGenerator<Buffer>;
  /** SHA-256, CRC-32 and size of the uncompressed bytes: complete once `pieces` is exhausted. */
  summary(): { sha256: string; crc: number; size: number };
}

/**
 * Encode text that arrives in pieces as UTF-8 and deflate it (level 6) as one stream,
 * hashing and checksumming it on the way: only a piece and zlib's window are in memory.
 */
export function deflatePieces(text: Iterable<string>, level = 6): DeflatedPieces {
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  let sha256: string | undefined;
  async function* pieces(): AsyncGenerator<Buffer> {
    const deflate = zlib.createDeflateRaw({ level });
    const out: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = once(deflate, 'end');
    try {
      for (const piece of text) {
        const bytes = Buffer.from(piece, 'utf8');
        hash.update(bytes);
        crc = crc32(bytes, crc);
        size += bytes.length;
        if (!deflate.write(bytes)) await once(deflate, 'drain');
        yield* out.splice(0);
      }
      deflate.end();
      await ended;
      yield* out.splice(0);
      sha256 = hash.digest('hex');
    } finally {
      deflate.destroy();
    }
  }
  return {
    pieces: pieces(),
    summary() {
      if (sha256 === undefined) throw new Error('deflatePieces: summary read before the pieces were');
      return { sha256, crc, size };
    },
  };
}
