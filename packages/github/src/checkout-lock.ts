import { createHash, randomUUID } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimpleGit } from 'simple-git';
import { EvidenceBranchError, firstLine } from './evidence-worktree.js';

/** The lock file, in the repository's git folder (shared by all its worktrees). */
const LOCK_FILE = 'evident-evidence.lock';
const POLL_MS = 50;
/** How long to wait for a lock another live process holds before giving up. */
const MAX_WAIT_MS = 5 * 60_000;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Whether a process with this id runs (a process of another user counts as running). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Whether a lock with this content is held by a live process. The content is the owner's
 * `<pid>.<unique id>` (or a bare pid from earlier versions). An empty lock is being written (by an
 * earlier version of Evident, or on a file system without hard links): held. Unreadable content:
 * left behind, not held.
 */
function isLive(content: string): boolean {
  if (content === '') return true;
  const pid = Number(content.split('.')[0]);
  return Number.isInteger(pid) && pid > 0 && isRunning(pid);
}

/** Errors of `link` on a file system that has no hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Take the lock atomically with its content already in it: the owner token is written to a file
 * of this process's own, then hard-linked to the lock's name, which fails when a lock exists.
 * Nobody ever sees a lock without its owner. Returns false when another lock is there.
 */
async function tryTake(lock: string, token: string): Promise<boolean> {
  const own = `${lock}.${token}`;
  await writeFile(own, token, { flag: 'wx' });
  try {
    await link(own, lock);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
    // A file system without hard links: create the lock exclusively, then write (empty meanwhile, which counts as held).
    return writeFile(lock, token, { flag: 'wx' }).then(
      () => true,
      (fallback: unknown) => {
        if (errorCode(fallback) === 'EEXIST') return false;
        throw fallback;
      },
    );
  } finally {
    await rm(own, { force: true });
  }
}

/**
 * Remove the lock only if it is still the one whose content `seen` was found to be left behind.
 * Waiters that found the same lock left behind take turns through a file named after that content
 * (created exclusively), and look again inside: no lock is created while one exists, and the dead
 * owner never removes it, so the lock they look at is the one they remove. Owner tokens are never
 * reused, so once removed, a lock with that content never comes back and later waiters leave the
 * new lock alone. Returns false, without removing anything, when another waiter is removing it.
 */
async function removeIfLeftBehind(lock: string, seen: string): Promise<boolean> {
  const turn = `${lock}.remove-${createHash('sha256').update(seen).digest('hex').slice(0, 32)}`;
  try {
    await writeFile(turn, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    const now = await readFile(lock, 'utf8').catch(() => undefined);
    if (now === seen) await rm(lock, { force: true });
    return true;
  } finally {
    await rm(turn, { force: true });
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
  const token = `${process.pid}.${randomUUID()}`;
  const deadline = Date.now() + MAX_WAIT_MS;
  while (!(await tryTake(lock, token))) {
    if (Date.now() > deadline) throw new EvidenceBranchError(`Unexpected lock \`${lock}\` held for minutes, expected it to be released: remove it (and any \`${LOCK_FILE}.remove-…\` file next to it) if no evident command runs in this checkout`);
    const seen = await readFile(lock, 'utf8').catch(() => undefined);
    // Released meanwhile: try again at once. A lock left behind by a process that died is removed; a held one is waited for.
    if (seen === undefined) continue;
    if (isLive(seen) || !(await removeIfLeftBehind(lock, seen))) await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
