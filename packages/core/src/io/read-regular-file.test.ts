import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRegularFile } from './read-regular-file.js';

describe('readRegularFile', () => {
  it('reads a file whole, leaves one over the limit unread, and reads nothing from what is not a regular file', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'evident-read-regular-'));
    try {
      await writeFile(path.join(root, 'a.txt'), 'hello\n');
      await writeFile(path.join(root, 'empty.txt'), '');
      execFileSync('mkfifo', [path.join(root, 'pipe')]);
      expect(await readRegularFile(path.join(root, 'a.txt'), 6)).toEqual({ bytes: Buffer.from('hello\n') });
      expect(await readRegularFile(path.join(root, 'empty.txt'), 6)).toEqual({ bytes: Buffer.alloc(0) });
      expect(await readRegularFile(path.join(root, 'a.txt'), 5)).toEqual({ size: 6 });
      expect(await readRegularFile(root, 5)).toEqual({ irregular: true });
      // Opened without blocking: a FIFO is seen for what it is, never waited on.
      expect(await readRegularFile(path.join(root, 'pipe'), 5)).toEqual({ irregular: true });
      await expect(readRegularFile(path.join(root, 'gone.txt'), 5)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
