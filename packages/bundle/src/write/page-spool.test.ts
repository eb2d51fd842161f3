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
      for (const entry of entries) await spool.add(entry);
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
      for (const entry of entries.slice(0, 2)) await spool.add(entry);
      // An entry that arrives deflated in pieces sits between the others.
      const long = Buffer.from('<tr><td>row</td></tr>\n'.repeat(5000));
      const whole = prepareEntry('evidence.html', long, true);
      const pieces = async function* () {
        for (let i = 0; i < whole.data.length; i += 1000) yield whole.data.subarray(i, i + 1000);
      };
      await spool.addDeflated('evidence.html', pieces(), () => ({ crc: whole.crc, size: whole.size }));
      for (const entry of entries.slice(2)) await spool.add(entry);
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
