/** Bytes of a file's start that decide whether it is deflated. */
export const PROBE_BYTES = 16 * 1024;

/** Order-0 entropy above this many bits per byte means the data is already compressed or random. */
const STORE_ABOVE_BITS = 7.5;

/**
 * Whether bytes look worth deflating: the Shannon entropy of their byte histogram.
 * Already-compressed content (PDF streams, images, archives, random data) is near 8 bits
 * per byte; text, CSV and JSON are far below. A function of the bytes only, so the
 * same file is always stored or deflated alike.
 */
export function worthDeflating(sample: Uint8Array): boolean {
  if (sample.length < 512) return true;
  const counts = new Uint32Array(256);
  for (let i = 0; i < sample.length; i += 1) counts[sample[i]!]! += 1;
  let bits = 0;
  for (let i = 0; i < 256; i += 1) {
    const n = counts[i]!;
    if (n === 0) continue;
    const p = n / sample.length;
    bits -= p * Math.log2(p);
  }
  return bits <= STORE_ABOVE_BITS;
}
