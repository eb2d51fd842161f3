import zlib from 'node:zlib';

/** The CRC-32 lookup table (polynomial 0xEDB88320): a constant, computed once. */
const table: Readonly<Uint32Array> = (() => {
  const values = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    values[n] = c >>> 0;
  }
  return values;
})();

/** CRC-32 in plain JavaScript, for Node versions before `zlib.crc32` (20.15). */
function crc32Js(bytes: Uint8Array, previous: number): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i += 1) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 (ZIP's checksum) of `bytes`, continuing from `previous`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return native ? native(bytes, previous) : crc32Js(bytes, previous);
}
