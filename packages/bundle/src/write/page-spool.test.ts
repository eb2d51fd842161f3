import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pseudoRandomBytes } from '../test-support/fixture-repository.js';
import { createPageSpool } from './page-spool.js';
import { prepareEntry, type PreparedEntry } from './zip-writer.js';

describe('createPageSpool', () => {
  it('gives back every entry in order, byte for byte, and deletes its file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-spool-'));
    try {
      const file = path.join(dir, 'bundle.zip.pages');
      const spool = await createPageSpool(file);
      const entries: PreparedEntry[] = [
        prepareEntry('index.html', Buffer.from('<!doctype html><title>Index</title>'.repeat(100)), true),
        prepareEntry('empty.csv', Buffer.alloc(0), true),
        prepareEntry('noise.bin', pseudoRandomBytes(3 << 20, 7), false),
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
      // Parked on disk, not in memory.
      expect((await stat(file)).size).toBe(entries.reduce((n, e) => n + e.data.length, whole.data.length));
      const back: PreparedEntry[] = [];
      for await (const entry of spool.drain()) back.push(entry);
      expect(back).toEqual([...entries.slice(0, 2), whole, ...entries.slice(2)]);
      await spool.remove();
      expect(existsSync(file)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
