import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pseudoRandomBytes } from '../test-support/fixture-repository.js';
import { createPageSpool } from './page-spool.js';
import { prepareEntry, type PreparedEntry } from './zip-writer.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-spool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (i: number, size: number): PreparedEntry => ({ path: `p/${i}`, method: 0, crc: i, size, data: pseudoRandomBytes(size, i) });

/** Park `entries` in the order `added` gives (each at its index), and expect them back by index, byte for byte. */
async function expectBackInPlace(name: string, entries: PreparedEntry[], added: number[]): Promise<void> {
  const spool = await createPageSpool(path.join(dir, name));
  for (const i of added) await spool.add(entries[i]!, i);
  let i = 0;
  for await (const back of spool.drain()) {
    expect(back.path).toBe(entries[i]!.path);
    expect(back.data.equals(entries[i]!.data)).toBe(true);
    i += 1;
  }
  expect(i).toBe(entries.length);
  await spool.remove();
}

describe('createPageSpool', () => {
  it('gives back thousands of entries of every size, across its read and write buffers', async () => {
    const entries = Array.from({ length: 3000 }, (_, i) => entry(i, i % 997 === 0 ? (1 << 20) + i : (i * 7919) % 5000));
    await expectBackInPlace('in-order.pages', entries, [...entries.keys()]);
  });

  it('gives back entries by their place, whatever order they were added in', async () => {
    // Mostly small, with a few larger than a read window.
    const entries = Array.from({ length: 3000 }, (_, i) => entry(i, i % 700 === 1 ? (1 << 20) + i : (i * 7919) % 3000));
    // As the writer adds them: every third entry first (pages with bodies), then the others, each run in order.
    const order = [...entries.keys()];
    await expectBackInPlace('two-runs.pages', entries, [...order.filter((i) => i % 3 === 0), ...order.filter((i) => i % 3 !== 0)]);
  });

  it('gives back every entry in order, byte for byte, and deletes its file', async () => {
    const file = path.join(dir, 'bundle.zip.pages');
    const spool = await createPageSpool(file);
    const entries: PreparedEntry[] = [
      prepareEntry('index.html', Buffer.from('<!doctype html><title>Index</title>'.repeat(100)), true),
      prepareEntry('empty.csv', Buffer.alloc(0), true),
      prepareEntry('noise.bin', pseudoRandomBytes(3 << 20, 7), false),
      prepareEntry('policies/access.md', Buffer.from('# Access\n'), true),
    ];
    for (const [i, e] of entries.slice(0, 2).entries()) await spool.add(e, i);
    // An entry that arrives deflated in pieces sits between the others.
    const long = Buffer.from('<tr><td>row</td></tr>\n'.repeat(5000));
    const whole = prepareEntry('evidence.html', long, true);
    const pieces = async function* () {
      for (let i = 0; i < whole.data.length; i += 1000) yield whole.data.subarray(i, i + 1000);
    };
    await spool.addDeflated('evidence.html', 2, pieces(), () => ({ crc: whole.crc, size: whole.size }));
    for (const [i, e] of entries.slice(2).entries()) await spool.add(e, 3 + i);
    // Parked on disk, not in memory (but for at most 1 MiB waiting to be written).
    const total = entries.reduce((n, e) => n + e.data.length, whole.data.length);
    expect((await stat(file)).size).toBeGreaterThan(total - (1 << 20));
    const back: PreparedEntry[] = [];
    for await (const parked of spool.drain()) back.push(parked);
    expect((await stat(file)).size).toBe(total);
    // Compared by digest: a deep comparison of megabytes of bytes is slow.
    const digest = (e: PreparedEntry) => ({ ...e, data: createHash('sha256').update(e.data).digest('hex') });
    expect(back.map(digest)).toEqual([...entries.slice(0, 2), whole, ...entries.slice(2)].map(digest));
    await spool.remove();
    expect(existsSync(file)).toBe(false);
  });
});
