import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

export interface HashingTap {
  /** A pass-through stream that hashes and counts every byte flowing through it. */
  stream: Transform;
  /** SHA-256 (hex) and size of what flowed through; call once the stream has finished. */
  result(): { sha256: string; bytes: number };
}

/** Hash a stream on its way somewhere else, so each byte is read once. `highWaterMark` is the stream's buffer, in bytes. */
export function createHashingTap(options: { highWaterMark?: number } = {}): HashingTap {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    ...options,
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}
