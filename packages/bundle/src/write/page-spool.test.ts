import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPageSpool } from './page-spool.js';
import { prepareEntry, type PreparedEntry } from './zip-writer.js';

describe('createPageSpool', () => {
  it('gives back thousands of entries of every size, across its read and write buffers', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-spool-'));
    try {
      const spool = await createPageSpool(path.join(dir, 'bundle.zip.pages'));
      const sizes = Array.from({ length: 3000 }, (_, i) => (i % 997 === 0 ? (1 << 20) + i : (i * 7919) % 5000));
      const entries = sizes.map((size, i) => ({ path: `p/${i}`, method: 0 as const, crc: i, size, data: randomBytes(size) }));
      for (const [i, entry] of entries.entries()) await spool.add(entry, i);
      let i = 0;
      for await (const entry of spool.drain()) {
        expect(entry.path).toBe(entries[i]!.path);
        expect(entry.data.equals(entries[i]!.data)).toBe(true);
        i += 1;
      }
      expect(i).toBe(entries.length);
      await spool.remove();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives back entries by their place, whatever order they were added in', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-spool-'));
    try {
      const spool = await createPageSpool(path.join(dir, 'bundle.zip.pages'));
      // As the writer adds them: every third entry first (pages with bodies), then the others, each run in order.
      // Mostly small, with a few larger than a read window.
      const entries = Array.from({ length: 3000 }, (_, i) => ({ path: `p/${i}`, method: 0 as const, crc: i, size: 0, data: randomBytes(i % 700 === 1 ? (1 << 20) + i : (i * 7919) % 3000) }));
      const order = [...entries.keys()];
      const added = [...order.filter((i) => i % 3 === 0), ...order.filter((i) => i % 3 !== 0)];
      for (const i of added) await spool.add(entries[i]!, i);
      const back: string[] = [];
      for await (const entry of spool.drain()) {
        const i = back.length;
        expect(entry.path).toBe(`p/${i}`);
        expect(entry.data.equals(entries[i]!.data)).toBe(true);
        back.push(entry.path);
      }
      expect(back).toHaveLength(entries.length);
      await spool.remove();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives back every entry in order, byte for byte, and deletes its file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-spool-'));
    try {
      const file = path.join(dir, 'bundle.zip.pages');
      const spool = await createPageSpool(file);
      const entries: PreparedEntry[] = [
        prepareEntry('index.html', Buffer.from('<!doctype html><title>Index</title>'.repeat(100)), true),
        prepareEntry('empty.csv', Buffer.alloc(0), true),
        prepareEntry('noise.bin', randomBytes(3 << 20), false),
        prepareEntry('policies/access.md', Buffer.from('# Access\n'), true),
      ];
      for (const [i, entry] of entries.slice(0, 2).entries()) await spool.add(entry, i);
      // An entry that arrives deflated in pieces sits between the others.
      const long = Buffer.from('<tr><td>row</td></tr>\n'.repeat(5000));
      const whole = prepareEntry('evidence.html', long, true);
      const pieces = async function* () {
        for (let i = 0; i < whole.data.length; i += 1000) yield whole.data.subarray(i, i + 1000);
      };
      await spool.addDeflated('evidence.html', 2, pieces(), () => ({ crc: whole.crc, size: whole.size }));
      for (const [i, entry] of entries.slice(2).entries()) await spool.add(entry, 3 + i);
      // Parked on disk, not in memory (but for at most 1 MiB waiting to be written).
      const total = entries.reduce((n, e) => n + e.data.length, whole.data.length);
      expect((await stat(file)).size).toBeGreaterThan(total - (1 << 20));
      const back: PreparedEntry[] = [];
      for await (const entry of spool.drain()) back.push(entry);
      expect((await stat(file)).size).toBe(total);
      // Compared by digest: a deep comparison of megabytes of bytes is slow.
      const digest = (e: PreparedEntry) => ({ ...e, data: createHash('sha256').update(e.data).digest('hex') });
      expect(back.map(digest)).toEqual([...entries.slice(0, 2), whole, ...entries.slice(2)].map(digest));
      await spool.remove();
      expect(existsSync(file)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
