import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pseudoRandomBytes } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { worthDeflating } from './compression-probe.js';
import { crc32 } from './crc32.js';
import { prepareEntry, ZipWriter } from './zip-writer.js';

async function zipOf(build: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (chunks.push(chunk), cb()) });
  const zip = new ZipWriter(sink);
  await build(zip);
  await zip.finish();
  return Buffer.concat(chunks);
}

async function entriesOf(bytes: Buffer): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-zip-'));
  try {
    const file = path.join(dir, 'x.zip');
    await (await import('node:fs/promises')).writeFile(file, bytes);
    return await readZipEntries(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('ZipWriter', () => {
  const text = Buffer.from('hello zip\n'.repeat(100));
  const random = pseudoRandomBytes(50_000, 3);

  it('writes entries that unzip to the same bytes, in the order added', async () => {
    const zip = await zipOf(async (z) => {
      await z.addPrepared(prepareEntry('b/text.txt', text, true));
      await z.addStream('a/random.bin', Readable.from([random.subarray(0, 20_000), random.subarray(20_000)]), { compress: false, size: random.length });
      await z.addStream('c/text-stream.txt', Readable.from([text]), { compress: true, size: text.length });
      await z.addPrepared(prepareEntry('empty.txt', Buffer.alloc(0), true));
    });
    const entries = await entriesOf(zip);
    expect([...entries.keys()]).toEqual(['b/text.txt', 'a/random.bin', 'c/text-stream.txt', 'empty.txt']);
    expect(entries.get('b/text.txt')).toEqual(text);
    expect(entries.get('a/random.bin')).toEqual(random);
    expect(entries.get('c/text-stream.txt')).toEqual(text);
    expect(entries.get('empty.txt')).toEqual(Buffer.alloc(0));
  });

  it('gives the same bytes for the same entries: fixed date 1980-01-01, mode 0644, no extra timestamps', async () => {
    const build = () => zipOf(async (z) => z.addPrepared(prepareEntry('a.txt', text, true)));
    const first = await build();
    expect(createHash('sha256').update(first).digest('hex')).toBe(createHash('sha256').update(await build()).digest('hex'));
    expect(first.readUInt16LE(10)).toBe(0);
    expect(first.readUInt16LE(12)).toBe(0x21);
    expect(first.readUInt16LE(28)).toBe(0);
    const central = first.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(first.readUInt32LE(central + 38)).toBe((0o100644 << 16) >>> 0);
  });

  it('stores data that deflating would not shrink', () => {
    expect(prepareEntry('r.bin', random, true).method).toBe(0);
    expect(prepareEntry('t.txt', text, true).method).toBe(8);
    expect(prepareEntry('t.txt', text, false).method).toBe(0);
  });

  it('refuses duplicate and unsafe names', async () => {
    await expect(zipOf(async (z) => {
      await z.addPrepared(prepareEntry('a.txt', text, true));
      await z.addPrepared(prepareEntry('a.txt', text, true));
    })).rejects.toThrow('Duplicate zip entry a.txt');
    await expect(zipOf((z) => z.addPrepared(prepareEntry('../up.txt', text, true)))).rejects.toThrow('Unsafe zip entry name');
    await expect(zipOf((z) => z.addPrepared(prepareEntry('/abs.txt', text, true)))).rejects.toThrow('Unsafe zip entry name');
  });

  it('refuses a stream that does not hold the announced size', async () => {
    await expect(zipOf((z) => z.addStream('a.txt', Readable.from([text]), { compress: true, size: text.length + 1 }))).rejects.toThrow('it changed while being written');
  });

  it('waits for a slow output instead of buffering without bound', async () => {
    const output = new PassThrough({ highWaterMark: 1024 });
    const zip = new ZipWriter(output);
    let done = false;
    const writing = zip.addStream('big.bin', Readable.from([random, random, random]), { compress: false, size: random.length * 3 }).then(() => (done = true));
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    output.resume();
    await writing;
    expect(done).toBe(true);
  });
});

describe('crc32 and worthDeflating', () => {
  it('computes ZIP checksums, also in pieces', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('56789'), crc32(Buffer.from('1234')))).toBe(0xcbf43926);
  });

  it('tells text from already-compressed or random bytes', () => {
    expect(worthDeflating(Buffer.from('timestamp,user,action\n2026-07-01,alice,login\n'.repeat(400)))).toBe(true);
    expect(worthDeflating(pseudoRandomBytes(16384, 11))).toBe(false);
    expect(worthDeflating(Buffer.from('tiny'))).toBe(true);
  });
});
