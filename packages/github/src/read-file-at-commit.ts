import type { SimpleGit } from 'simple-git';

/** The commit is not in the local repository and could not be fetched. */
export class CommitNotFoundError extends Error {
  override name = 'CommitNotFoundError';
  constructor(readonly commit: string) {
    super(`Commit ${commit} is not in the local repository and could not be fetched: check out with \`fetch-depth: 0\` or fetch it`);
  }
}

async function hasCommit(git: SimpleGit, commit: string): Promise<boolean> {
  return git.raw(['cat-file', '-e', `${commit}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/**
 * Make sure a commit is available locally: fetch it by id from `remote` (GitHub serves any
 * reachable commit, and `refs/pull/N/head` keeps a pull request's head after a squash merge).
 */
export async function ensureCommit(git: SimpleGit, commit: string, remote: string, pullNumber?: number): Promise<void> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) throw new CommitNotFoundError(commit);
  if (await hasCommit(git, commit)) return;
  const attempts = [[commit], ...(pullNumber ? [[`+refs/pull/${pullNumber}/head:refs/evident/pull/${pullNumber}/head`]] : [])];
  for (const refspecs of attempts) {
    await git.raw(['fetch', '--no-tags', '--quiet', remote, ...refspecs]).catch(() => undefined);
    if (await hasCommit(git, commit)) return;
  }
  throw new CommitNotFoundError(commit);
}

/** The bytes of `path` at `commit`, binary-safe; undefined when the file does not exist there. */
export async function readFileAtCommit(git: SimpleGit, commit: string, path: string): Promise<Buffer | undefined> {
  const exists = await git.raw(['cat-file', '-e', `${commit}:${path}`]).then(
    () => true,
    () => false,
  );
  if (!exists) return undefined;
  // `cat-file blob` gives the stored bytes exactly (no textconv, no end-of-line conversion).
  return (await git.binaryCatFile(['blob', `${commit}:${path}`])) as Buffer;
}
