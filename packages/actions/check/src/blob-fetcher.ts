import { GitError, type Git } from './git.js';

/** Makes sure these blobs are in the repository before they are read. */
export type EnsureBlobs = (oids: readonly string[]) => Promise<void>;

/** Over this many missing blobs, one fetch of every blob under 100 MB beats asking for each by id. */
export const FETCH_BY_ID_LIMIT = 2000;

export interface BlobFetcherOptions {
  /** The commits (full SHAs: a name would be the remote's) whose history a fetch of everything brings in (the change and its base). */
  commits: readonly string[];
  /** Told what was fetched and how, for the log. */
  log?: (line: string) => void;
  /** Over this many missing blobs, fetch everything rather than by id (default `FETCH_BY_ID_LIMIT`). */
  byIdLimit?: number;
}

/**
 * For a partial clone (the gate's checkout fetches commits and trees, `filter: blob:none`): fetch
 * the blobs asked for that are not here yet, in one request, from the remote the clone was made
 * from. Undefined for a repository that is not a partial clone: every blob is already there.
 *
 * git would otherwise fetch each missing blob on its own as `cat-file` reaches it. A few missing
 * blobs are asked for by id; more than `FETCH_BY_ID_LIMIT` (no cache of the metadata was found)
 * are fetched as a checkout without a cache would, every blob under 100 MB of the history of the
 * change and its base (`--refetch`): asking a server for tens of thousands of objects by id costs
 * several times more. Which blobs are here is read once (`cat-file --batch-all-objects` lists only
 * what the repository holds) and kept up to date as blobs arrive.
 */
export async function blobFetcher(git: Git, options: BlobFetcherOptions): Promise<EnsureBlobs | undefined> {
  const remote = promisorRemote(
    await git(['config', '--get-regexp', '^(remote\\..+\\.promisor|extensions\\.partialclone)$']).catch((error: unknown) => {
      if (error instanceof GitError) return ''; // none set
      throw error;
    }),
  );
  if (remote === undefined) return undefined;
  let present: Promise<Set<string>> | undefined;
  let everything = false;
  return async (oids) => {
    if (everything || oids.length === 0) return;
    present ??= git(['cat-file', '--batch-all-objects', '--batch-check=%(objectname)']).then((out) => new Set(out.split('\n')));
    const here = await present;
    const missing = [...new Set(oids)].filter((oid) => !here.has(oid));
    if (missing.length === 0) return;
    try {
      const limit = options.byIdLimit ?? FETCH_BY_ID_LIMIT;
      if (missing.length > limit) {
        options.log?.(`Fetching every blob under 100 MB of ${options.commits.length === 1 ? 'the change' : 'the change and its base'}: ${missing.length} blobs were missing (more than ${limit})`);
        await git(['-c', 'protocol.version=2', 'fetch', '--refetch', '--no-auto-gc', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:limit=100m', remote, ...options.commits]);
        everything = true;
        return;
      }
      options.log?.(`Fetching ${missing.length} missing ${missing.length === 1 ? 'blob' : 'blobs'} by id`);
      await git(['-c', 'protocol.version=2', '-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--no-auto-gc', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin', remote], { input: missing.map((oid) => `${oid}\n`).join('') });
      for (const oid of missing) here.add(oid);
    } catch (error) {
      if (error instanceof GitError) throw new BlobFetchError(remote, missing.length, error);
      throw error;
    }
  };
}

/**
 * The remote a partial clone fetches missing objects from, from `git config --get-regexp` lines:
 * a remote marked `promisor = true` (what `git clone --filter` sets), or the older
 * `extensions.partialClone`. Undefined when there is none. Pure.
 */
export function promisorRemote(configLines: string): string | undefined {
  for (const line of configLines.split('\n')) {
    const marked = /^remote\.(.+)\.promisor true$/i.exec(line.trim());
    if (marked) return marked[1];
    const named = /^extensions\.partialclone (\S+)$/i.exec(line.trim());
    if (named) return named[1];
  }
  return undefined;
}

/** The blobs the gate must read could not be fetched: an environment fault (no token, no network), not a finding. */
export class BlobFetchError extends Error {
  override name = 'BlobFetchError';
  constructor(remote: string, count: number, cause: GitError) {
    super(
      `Could not fetch ${count} ${count === 1 ? 'blob' : 'blobs'} the gate reads from \`${remote}\`: ${cause.stderr.trim().split('\n')[0] ?? ''}. The checkout is a partial clone (\`filter: blob:none\`): give the check action a token that can read the repository (its \`token\` input, the workflow's token by default, needs \`contents: read\`)`,
      { cause },
    );
  }
}
