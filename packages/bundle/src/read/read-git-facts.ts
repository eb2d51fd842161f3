import { verifyEvidenceCommit } from '@evident/github';
import type { SimpleGit } from 'simple-git';
import type { EvidenceHistoryWalk, RecordFile, SourceCommit } from '../bundle-inputs.js';
import { EvidenceHistoryError } from './evidence-history-error.js';
import type { FirstParentCommit } from './attribute-pull-requests.js';
import { readBlobs } from './read-policy-history.js';

/**
 * HEAD of the repository and whether the working tree differs from it (leaving out
 * `exclude`, such as the folder bundles are written to); undefined outside git or
 * before the first commit.
 */
export async function readSourceCommit(git: SimpleGit, exclude: readonly string[] = []): Promise<SourceCommit | undefined> {
  try {
    const line = (await git.raw(['log', '-1', '--format=%H%x1f%cI', 'HEAD'])).trim();
    const [commit, committedAt] = line.split('\x1f');
    if (!commit || !committedAt) return undefined;
    const status = await git.raw(['status', '--porcelain', '--untracked-files=normal', '--', '.', ...exclude.map((p) => `:(exclude)${p}`)]);
    return { commit, committed_at: committedAt, dirty: status.trim() !== '' };
  } catch {
    return undefined;
  }
}

/** The default branch's first-parent line from HEAD, newest first, to attribute commits to pull requests. */
export async function readFirstParentLine(git: SimpleGit): Promise<FirstParentCommit[]> {
  try {
    const output = await git.raw(['log', '--first-parent', '--format=%H%x1f%P%x1f%cI%x1f%ce', 'HEAD']);
    return output
      .split('\n')
      .filter((line) => line.includes('\x1f'))
      .map((line) => {
        const [commit, parents, committedAt, email] = line.split('\x1f') as [string, string, string, string];
        return { commit, parents: parents.split(' ').filter(Boolean), committed_at: committedAt, committer_email: email };
      });
  } catch {
    return [];
  }
}

/** The evidence branch as a local branch, else as fetched from origin; undefined when neither exists. */
async function resolveBranch(git: SimpleGit, branch: string): Promise<string | undefined> {
  for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
    const found = await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then((out) => out.trim(), () => '');
    if (found) return found;
  }
  return undefined;
}

/**
 * Evidence records from the evidence branch: `records/NNNNNN-<slug>.json`, byte for
 * byte, sorted by name, read at `commit` (default: the branch's tip). A missing branch means
 * no records, not an error.
 */
export async function readEvidenceRecords(git: SimpleGit, root: string, branch: string, commit?: string): Promise<RecordFile[]> {
  commit ??= await resolveBranch(git, branch);
  if (!commit) return [];
  const listing = await git.raw(['ls-tree', '-r', '-z', '--full-tree', commit, '--', 'records/']);
  const blobs = listing
    .split('\0')
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(records\/[^/]+\.json)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ oid: m[1]!, file: m[2]! }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const contents = await readBlobs(root, blobs.map((b) => b.oid));
  return blobs.map((b, i) => ({ file: b.file, bytes: contents[i]! }));
}

/**
 * The evidence branch's tip, its history walked commit by commit with `@evident/github`'s
 * `verifyEvidenceCommit` (the walk `evident evidence verify` runs), and the records at that tip.
 * A history that did anything but add records on top of the chain (a record deleted, renumbered,
 * modified, inserted, a merge) throws `EvidenceHistoryError` naming every problem: records read
 * from such a branch are not what was collected. A missing branch means no records and no walk.
 */
export async function readWalkedEvidence(git: SimpleGit, root: string, branch: string): Promise<{ records: RecordFile[]; history?: EvidenceHistoryWalk }> {
  const tip = await resolveBranch(git, branch);
  if (!tip) return { records: [] };
  const [walked, count] = await Promise.all([verifyEvidenceCommit(git, tip), git.raw(['rev-list', '--count', tip])]);
  if (walked.problems.length > 0) throw new EvidenceHistoryError(branch, tip, walked.problems);
  const history: EvidenceHistoryWalk = { tip, first_record_commit: walked.chain[0]?.commit ?? null, commits: Number(count.trim()), result: 'intact' };
  return { records: await readEvidenceRecords(git, root, branch, tip), history };
}
