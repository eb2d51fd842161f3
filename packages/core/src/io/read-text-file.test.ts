import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readTextFile } from './read-text-file.js';

describe('readTextFile', () => {
  it('reads a file listed as regular as it reads any other path, and falls back when it is no longer one', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'evident-read-text-'));
    try {
      await writeFile(path.join(root, 'a.yaml'), 'a: 1\n');
      await writeFile(path.join(root, 'big.yaml'), 'x'.repeat(11));
      await writeFile(path.join(root, 'binary.yaml'), Buffer.from([0x61, 0x00]));
      await writeFile(path.join(root, 'latin1.yaml'), Buffer.from([0x61, 0x0a, 0xe9, 0x0a]));
      await mkdir(path.join(root, 'folder.yaml'));
      await symlink('a.yaml', path.join(root, 'link.yaml'));
      for (const file of ['a.yaml', 'big.yaml', 'binary.yaml', 'latin1.yaml', 'folder.yaml', 'link.yaml', 'missing.yaml']) {
        expect(await readTextFile(root, file, 10, { listedRegular: true })).toEqual(await readTextFile(root, file, 10));
      }
      expect((await readTextFile(root, 'big.yaml', 10, { listedRegular: true })).finding?.ruleId).toBe('parse/too-large');
      expect((await readTextFile(root, 'folder.yaml', 10, { listedRegular: true })).finding?.ruleId).toBe('parse/not-a-file');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
