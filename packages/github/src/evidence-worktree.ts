import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/** Where the evidence chain lives: a branch on a remote of the repository. */
export interface EvidenceLocation {
  /** Remote name (default `origin`). */
  remote: string;
  /** Branch name (evident.yaml `evidence.branch`, default `evidence`). */
  branch: string;
}

/** The evidence branch cannot be read (no such branch, remote unreachable). */
export class EvidenceBranchError extends Error {
  override name = 'EvidenceBranchError';
}

export const remoteTrackingRef = (location: EvidenceLocation) => `refs/remotes/${location.remote}/${location.branch}`;

/** The commit a ref names, or undefined when it does not exist. */
export async function resolveCommit(git: SimpleGit, ref: string): Promise<string | undefined> {
  const sha = await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
  return sha.trim() || undefined;
}

/**
 * Run `work` in a temporary worktree detached at `commit` (or empty, with an empty index, when
 * undefined). With `checkout: false` the index holds the commit's tree but no file is written to
 * disk (to add files cheaply to a large branch). The main checkout, its index and its branches are
 * never touched; the worktree is removed afterwards whatever happens. Run remote commands (fetch,
 * push) with the checkout's `git`, not `worktreeGit`: git resolves a remote given as a relative path
 * (`../origin.git`) from the folder it runs in, and the worktree is in the temporary folder.
 */
export async function withEvidenceWorktree<T>(git: SimpleGit, commit: string | undefined, work: (dir: string, worktreeGit: SimpleGit) => Promise<T>, options: { checkout?: boolean } = {}): Promise<T> {
  const parent = await mkdtemp(path.join(tmpdir(), 'evident-evidence-'));
  const dir = path.join(parent, 'worktree');
  try {
    const checkout = commit !== undefined && options.checkout !== false;
    await git.raw(['worktree', 'add', '--detach', '--quiet', ...(checkout ? [] : ['--no-checkout']), dir, commit ?? 'HEAD']);
    const worktreeGit = simpleGit(dir);
    if (!checkout) await worktreeGit.raw(['read-tree', ...(commit ? [commit] : ['--empty'])]);
    return await work(dir, worktreeGit);
  } finally {
    await git.raw(['worktree', 'remove', '--force', dir]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git.raw(['worktree', 'prune']).catch(() => undefined);
  }
}

/** The first line of a git message, with any credentials in URLs blanked out. */
export function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
