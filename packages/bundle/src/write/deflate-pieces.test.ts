import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { crc32 } from './crc32.js';
import { deflatePieces } from './deflate-pieces.js';

describe('deflatePieces', () => {
  it('deflates text given in pieces into one stream, with the hash, CRC and size of the whole', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `<tr><td>evidence/item-${i}.csv</td><td>été ✓</td></tr>\n`);
    const whole = Buffer.from(text.join(''), 'utf8');
    const { pieces, summary } = deflatePieces(text);
    const out: Buffer[] = [];
    for await (const piece of pieces) out.push(piece);
    const deflated = Buffer.concat(out);
    expect(zlib.inflateRawSync(deflated).equals(whole)).toBe(true);
    expect(deflated.length).toBeLessThan(whole.length / 5);
    expect(summary()).toEqual({ sha256: createHash('sha256').update(whole).digest('hex'), crc: crc32(whole), size: whole.length });
  });

  it('handles no text at all', async () => {
    const { pieces, summary } = deflatePieces([]);
    const out: Buffer[] = [];
    for await (const piece of pieces) out.push(piece);
    expect(zlib.inflateRawSync(Buffer.concat(out)).length).toBe(0);
    expect(summary().size).toBe(0);
  });

  it('has no summary before its pieces are read', () => {
    expect(() => deflatePieces(['a']).summary()).toThrow(/before the pieces/);
  });
});
