import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inTemporaryDirectory } from '../test-support/in-temporary-directory.js';
import { listEntries } from './list-entries.js';
import { listFiles } from './list-files.js';

const withRepository = (run: (root: string) => Promise<void>) => inTemporaryDirectory('evident-list-entries-', run);

describe('listEntries', () => {
  it('lists what listFiles lists, with the links and special files named', () =>
    withRepository(async (root) => {
      for (const dir of ['evidence/a', 'evidence/.git', 'evidence/node_modules', '.hidden', 'policies']) await mkdir(path.join(root, dir), { recursive: true });
      for (const file of ['evident.yaml', 'evidence/a/b.csv', 'evidence/.git/x', 'evidence/node_modules/y', '.hidden/z', 'policies/p.md', 'evidence/.keep']) await writeFile(path.join(root, file), 'x\n');
      await symlink('b.csv', path.join(root, 'evidence/a/link.csv'));
      await symlink('../../policies', path.join(root, 'evidence/a/folder'));
      execFileSync('mkfifo', [path.join(root, 'evidence/a/pipe')]);
      const listing = await listEntries(root, '.', { watch: 'evidence', faults: [] });
      expect(listing.files).toEqual(await listFiles(root, '.'));
      expect(listing.files).toEqual(['evident.yaml', 'evidence/.keep', 'evidence/a/b.csv', 'evidence/a/folder', 'evidence/a/link.csv', 'evidence/a/pipe', 'policies/p.md'].sort());
      expect([...listing.links].sort()).toEqual(['evidence/a/folder', 'evidence/a/link.csv']);
      expect([...listing.special]).toEqual(['evidence/a/pipe']);
      expect(listing.reached).toBe(true);
    }));

  it('has not reached a watched folder that is missing, linked or skipped', () =>
    withRepository(async (root) => {
      await mkdir(path.join(root, 'real/evidence'), { recursive: true });
      await mkdir(path.join(root, 'dist/evidence'), { recursive: true });
      await symlink('real/evidence', path.join(root, 'linked'));
      for (const watch of ['missing', 'linked', 'dist/evidence']) expect((await listEntries(root, '.', { watch })).reached).toBe(false);
      expect((await listEntries(root, '.', { watch: 'real/evidence' })).reached).toBe(true);
    }));
});
