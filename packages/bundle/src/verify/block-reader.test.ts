import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { BLOCK, BlockReader } from './block-reader.js';

const SIZE = 2 * BLOCK + 12345;
const bytes = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7 + (i >> 11)) & 0xff));
let dir: string;
let handle: FileHandle;
let reader: BlockReader;
/** Buffers compared with `equals`: jest's deep equality takes a minute on megabytes. */
const same = (a: Buffer, b: Buffer) => a.equals(b);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-block-reader-'));
  await writeFile(path.join(dir, 'data'), bytes);
  handle = await open(path.join(dir, 'data'), 'r');
  reader = new BlockReader(handle.fd, SIZE);
});

afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

describe('BlockReader', () => {
  it('gives ranges within a block, across blocks and at the end, as fresh copies', async () => {
    expect(same(await reader.bytes(10, 100), bytes.subarray(10, 110))).toBe(true);
    expect(same(await reader.bytes(BLOCK - 50, 100), bytes.subarray(BLOCK - 50, BLOCK + 50))).toBe(true);
    expect(same(await reader.bytes(100, 2 * BLOCK + 10), bytes.subarray(100, 2 * BLOCK + 110))).toBe(true);
    expect(same(await reader.bytes(SIZE - 10, 100), bytes.subarray(SIZE - 10))).toBe(true);
    const copy = await reader.bytes(0, 4);
    copy.fill(0);
    expect(same(await reader.bytes(0, 4), bytes.subarray(0, 4))).toBe(true);
  });

  it('streams a long range in blocks', async () => {
    expect(same(await buffer(reader.createReadStream({ start: 5, end: SIZE })), bytes.subarray(5))).toBe(true);
  });

  it('fails a read past the end of the file', async () => {
    const target = Buffer.alloc(20);
    await expect(new Promise<void>((resolve, reject) => reader.read(target, 0, 20, SIZE - 10, (error) => (error ? reject(error) : resolve())))).rejects.toThrow('unexpected end of the zip');
  });
});
