import { afterEach, describe, expect, it } from '@jest/globals';
import { createValidators } from '@evident/core';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { breakingChange, createProgramRepository, type ProgramRepository } from '../test/program-repository.js';
import { createGit } from './git.js';
import { BaseNotFoundError, locateInWorkTree, readBaseRepository, resolveCommit } from './read-base-repository.js';

const validators = createValidators();
let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('readBaseRepository', () => {
  it('reads the program as it stood at the base without touching the work tree, index or refs', async () => {
    repo = await createProgramRepository();
    await breakingChange(repo);
    const git = createGit(repo.dir);
    const statusBefore = await repo.git.raw(['status', '--porcelain=v2', '--branch']);
    const snapshot = await readBaseRepository(git, await resolveCommit(git, repo.baseSha), { prefix: '', validators });
    expect(snapshot!.controls.map((f) => f.path)).toEqual(['controls/AC-01.md', 'controls/AC-02.md', 'controls/IR-01.md']);
    expect(snapshot!.policies.find((f) => f.path === 'policies/access-control.md')!.text).toContain('status: approved');
    expect(snapshot!.catalog?.path).toBe('frameworks/soc2/criteria.yaml');
    expect(snapshot!.people?.path).toBe('people.yaml');
    expect(await repo.git.raw(['status', '--porcelain=v2', '--branch'])).toBe(statusBefore);
    expect(await repo.git.raw(['worktree', 'list', '--porcelain'])).not.toContain('evident-base-');
  });

  it("reads the base's files byte for byte, whatever the pull request's .gitattributes says", async () => {
    repo = await createProgramRepository();
    const base = await readFile(path.join(repo.dir, 'controls/IR-01.md'));
    // The pull request removes the control and asks git to re-encode, and convert the line endings
    // of, the base's copy when it is checked out: a base read through a checkout would lose it.
    await repo.remove('controls/IR-01.md');
    await writeFile(path.join(repo.dir, '.gitattributes'), 'controls/IR-01.md working-tree-encoding=UTF-16LE\n*.md text eol=crlf\n');
    await repo.commitHead('Remove a control, re-encode its old copy');
    const snapshot = await readBaseRepository(createGit(repo.dir), repo.baseSha, { prefix: '', validators });
    const control = snapshot!.controls.find((f) => f.path === 'controls/IR-01.md');
    expect(control?.text).toBe(base.toString('utf8'));
    expect(snapshot!.policies.every((f) => !f.text.includes('\r'))).toBe(true);
  });

  it('reads a program kept in a subdirectory', async () => {
    repo = await createProgramRepository('compliance');
    const git = createGit(`${repo.dir}/compliance`);
    const { prefix } = await locateInWorkTree(git);
    expect(prefix).toBe('compliance/');
    const top = createGit(repo.dir);
    const snapshot = await readBaseRepository(top, repo.baseSha, { prefix, validators });
    expect(snapshot!.policies.map((f) => f.path)).toEqual(['policies/access-control.md', 'policies/incident-response.md']);
  });

  it('has no base program when the base commit has no evident.yaml', async () => {
    repo = await createProgramRepository('compliance');
    expect(await readBaseRepository(createGit(repo.dir), repo.baseSha, { prefix: '', validators })).toBeUndefined();
  });

  it('removes its temporary checkout', async () => {
    repo = await createProgramRepository();
    const before = (await readdir(os.tmpdir())).filter((name) => name.startsWith('evident-base-'));
    await readBaseRepository(createGit(repo.dir), repo.baseSha, { prefix: '', validators });
    expect((await readdir(os.tmpdir())).filter((name) => name.startsWith('evident-base-'))).toEqual(before);
  });
});

describe('resolveCommit', () => {
  it('names a missing base commit and how to fetch it', async () => {
    repo = await createProgramRepository();
    const git = createGit(repo.dir);
    expect(await resolveCommit(git, 'HEAD')).toBe(repo.baseSha);
    await expect(resolveCommit(git, 'ffffffffffffffffffffffffffffffffffffffff')).rejects.toThrow(BaseNotFoundError);
    await expect(resolveCommit(git, '--output=/tmp/x')).rejects.toThrow('expected it in the checkout: set `fetch-depth: 0` on actions/checkout');
  });
});
