import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimpleGit } from 'simple-git';
import { EvidenceBranchError, firstLine } from './evidence-worktree.js';

/** The lock file, in the repository's git folder (shared by all its worktrees). */
const LOCK_FILE = 'evident-evidence.lock';
const POLL_MS = 50;
/** How many times to look before giving up on a lock another live process holds (about five minutes). */
const MAX_POLLS = 6000;

/** Whether a lock is still held: by a process that still runs, or one that is writing it right now. */
async function isHeld(lock: string): Promise<boolean> {
  const text = await readFile(lock, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  if (text === '') return true;
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run `work` holding this checkout's evidence lock. git's fetch and worktree commands are
 * not safe side by side in one repository, so readers and writers of the evidence branch in
 * one checkout take turns; separate checkouts never wait for each other.
 */
export async function withCheckoutLock<T>(git: SimpleGit, work: () => Promise<T>): Promise<T> {
  const commonDir = (
    await git.raw(['rev-parse', '--path-format=absolute', '--git-common-dir']).catch((error: Error) => {
      throw new EvidenceBranchError(`Unexpected folder outside a git repository, expected a checkout of the repository: ${firstLine(error.message)}`);
    })
  ).trim();
  const lock = path.join(commonDir, LOCK_FILE);
  for (let poll = 0; ; poll += 1) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (poll >= MAX_POLLS) throw new EvidenceBranchError(`Unexpected lock \`${lock}\` held for minutes, expected it to be released: remove it if no evident command runs in this checkout`);
      // A lock left behind by a process that died is removed; a held one is waited for.
      if (await isHeld(lock)) await sleep(POLL_MS);
      else await rm(lock, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
