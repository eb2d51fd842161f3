import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  /** Work that counts how many holders are inside at once. */
  const counting = () => {
    const seen = { inside: 0, most: 0, runs: 0 };
    const work = async () => {
      seen.inside += 1;
      seen.most = Math.max(seen.most, seen.inside);
      await sleep(2);
      seen.inside -= 1;
      seen.runs += 1;
    };
    return { seen, work };
  };

  it('lets one holder in at a time when many waiters find a lock left behind by a process that no longer runs', async () => {
    // Each waiter that found the dead lock must remove only that lock, never one a live waiter took since.
    const { seen, work } = counting();
    for (let round = 0; round < 6; round += 1) {
      await writeFile(lockFile(), round % 2 ? '99999999' : '99999999.left-behind');
      await Promise.all(Array.from({ length: 10 }, async () => withCheckoutLock(clone.git, work)));
    }
    expect(seen).toEqual({ inside: 0, most: 1, runs: 60 });
    expect((await readdir(path.dirname(lockFile()))).filter((name) => name.startsWith('evident-evidence'))).toEqual([]);
  });

  it('waits for a lock a running process holds, and never removes it', async () => {
    await writeFile(lockFile(), `${process.ppid}.other-process`);
    let entered = false;
    const waiting = withCheckoutLock(clone.git, async () => {
      entered = true;
    });
    await sleep(300);
    expect(entered).toBe(false);
    expect(await readFile(lockFile(), 'utf8')).toBe(`${process.ppid}.other-process`);
    await rm(lockFile());
    await waiting;
    expect(entered).toBe(true);
  });

  it('lets one holder in at a time when waiters find the lock just released', async () => {
    const { seen, work } = counting();
    await Promise.all(Array.from({ length: 40 }, async () => withCheckoutLock(clone.git, work)));
    expect(seen).toEqual({ inside: 0, most: 1, runs: 40 });
    expect(existsSync(lockFile())).toBe(false);
  });

  it('names a folder that is not a git repository', async () => {
    const { simpleGit } = await import('simple-git');
    await expect(withCheckoutLock(simpleGit(sandbox.dir), async () => 'never')).rejects.toThrow(EvidenceBranchError);
  });
});
