import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGitSandbox, type Clone, type GitSandbox } from '../test/git-sandbox.js';
import { withCheckoutLock } from './checkout-lock.js';
import { EvidenceBranchError } from './evidence-worktree.js';

describe('withCheckoutLock', () => {
  let sandbox: GitSandbox;
  let clone: Clone;
  beforeEach(async () => {
    sandbox = await createGitSandbox();
    clone = await sandbox.clone('a');
  });
  afterEach(async () => sandbox.cleanup());

  const lockFile = () => path.join(clone.dir, '.git', 'evident-evidence.lock');

  it('lets work in one checkout run one at a time, and leaves no lock behind', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} in`);
      await sleep(30);
      events.push(`${name} out`);
      return name;
    };
    expect(await Promise.all([withCheckoutLock(clone.git, work('a')), withCheckoutLock(clone.git, work('b')), withCheckoutLock(clone.git, work('c'))])).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
    expect(existsSync(lockFile())).toBe(false);
  });

  it('releases the lock when the work fails', async () => {
    await expect(withCheckoutLock(clone.git, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lockFile())).toBe(false);
  });

  it('removes a lock left behind by a process that no longer runs', async () => {
    await writeFile(lockFile(), '99999999');
    expect(await withCheckoutLock(clone.git, async () => 'done')).toBe('done');
  });

  it('names a folder that is not a git repository', async () => {
    const { simpleGit } = await import('simple-git');
    await expect(withCheckoutLock(simpleGit(sandbox.dir), async () => 'never')).rejects.toThrow(EvidenceBranchError);
  });
});
