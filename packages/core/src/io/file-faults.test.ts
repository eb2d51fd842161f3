/** Environment faults met while reading a repository: each is a finding at its repository path, never an exception. */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { encryptionPolicy, expectRestChecked, linesOf, useCanaryRepository } from '../../test/canary-repository.js';
import { checkRoot } from '../../test/check-fixture.js';
import { fileFault } from './file-fault.js';
import { readTextFile } from './read-text-file.js';

const repo = useCanaryRepository();

describe('file faults', () => {
  it('reports a FIFO named like a policy as not a file, without blocking on it', async () => {
    execFileSync('mkfifo', [path.join(repo.root, 'policies/pipe.md')]);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/pipe.md')).toEqual(['policies/pipe.md:1:1 error Unexpected named pipe (FIFO), expected a regular file [parse/not-a-file]']);
    expectRestChecked(result);
  });

  it('reports a FIFO in the evidence folder instead of hashing it', async () => {
    await mkdir(path.join(repo.root, 'evidence/AC-01/2026-Q3'), { recursive: true });
    execFileSync('mkfifo', [path.join(repo.root, 'evidence/AC-01/2026-Q3/stream.csv')]);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'evidence/AC-01/2026-Q3/stream.csv')).toEqual(['evidence/AC-01/2026-Q3/stream.csv:1:1 error Unexpected special file, expected a regular file [parse/not-a-file]']);
    expectRestChecked(result);
  });

  it('reports a linked folder instead of skipping it silently', async () => {
    await repo.write('shared/more/encryption.md', encryptionPolicy());
    await symlink('../shared/more', path.join(repo.root, 'policies/more'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/more')).toEqual(['policies/more:1:1 error Unexpected symbolic link to a folder, expected a real folder (linked folders are not followed) [parse/symlink]']);
    expect(result.model?.policies.map((p) => p.id)).not.toContain('encryption');
    expectRestChecked(result);
  });

  it('reports loops of linked folders and of linked files', async () => {
    await symlink('loop', path.join(repo.root, 'controls/loop'));
    await symlink('b.md', path.join(repo.root, 'policies/a.md'));
    await symlink('a.md', path.join(repo.root, 'policies/b.md'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'controls/loop')).toEqual(['controls/loop:1:1 error Unexpected symbolic link to a folder, expected a real folder (linked folders are not followed) [parse/symlink]']);
    expect(linesOf(result, 'policies/a.md')).toEqual(['policies/a.md:1:1 error Unexpected loop of symbolic links, expected a link that leads to a regular file [parse/symlink]']);
    expect(linesOf(result, 'policies/b.md')).toEqual(['policies/b.md:1:1 error Unexpected loop of symbolic links, expected a link that leads to a regular file [parse/symlink]']);
    expectRestChecked(result);
  });

  it('reports a file that vanished between listing and reading', async () => {
    expect(await readTextFile(repo.root, 'policies/gone.md', 1024)).toEqual({
      finding: { ruleId: 'parse/unreadable', message: 'Unexpected file that disappeared while it was being read, expected it to stay until the check ends', file: 'policies/gone.md' },
    });
  });

  it('names the error code, never the absolute path, for other errors', () => {
    const error = Object.assign(new Error(`EIO: i/o error, open '${repo.root}/policies/x.md'`), { code: 'EIO' });
    expect(fileFault(error, 'policies/x.md')).toEqual({ ruleId: 'parse/unreadable', message: 'Unexpected error `EIO` reading this file, expected a file Evident can read', file: 'policies/x.md' });
    expect(fileFault(Object.assign(new Error('denied'), { code: 'EACCES' }), 'controls', 'folder')).toEqual({
      ruleId: 'parse/unreadable',
      message: 'Unexpected permission denied on this folder, expected a folder Evident can read',
      file: 'controls',
    });
  });
});
