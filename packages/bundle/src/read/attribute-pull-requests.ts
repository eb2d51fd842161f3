import type { PolicyCommit } from '../bundle-inputs.js';

/** A commit on the first-parent line of the default branch. */
export interface FirstParentCommit {
  commit: string;
  parents: string[];
  committed_at: string;
  committer_email: string;
}

/** A pull request as the evidence records name it. */
export interface RecordedPull {
  number: number;
  head_sha: string;
  merge_commit_sha: string | null;
}

/**
 * The pull request of each commit of the default branch's first-parent line, newest first:
 * - named by the commit message (`Merge pull request #12 …`, a squash title ending `(#12)`, a trailer);
 * - else a recorded pull request whose `merge_commit_sha` is the commit (a squash, or the last commit of a rebase);
 * - else a merge commit whose second parent is a recorded pull request's head;
 * - else an earlier commit of a rebase merge: GitHub writes a rebased pull request's commits at once, with
 *   the committer and committer date of its last one, so the commits just before that last one with the
 *   same committer and date, and no pull request of their own, are its commits. Pure.
 */
export function attributePullRequests(line: readonly FirstParentCommit[], named: ReadonlyMap<string, number | null>, pulls: readonly RecordedPull[]): Map<string, number> {
  const byMerge = new Map<string, number>();
  const byHead = new Map<string, number>();
  for (const p of pulls) {
    if (p.merge_commit_sha) byMerge.set(p.merge_commit_sha, p.number);
    byHead.set(p.head_sha, p.number);
  }
  const out = new Map<string, number>();
  const direct = (c: FirstParentCommit): number | undefined => named.get(c.commit) ?? byMerge.get(c.commit) ?? (c.parents.length > 1 ? byHead.get(c.parents[1]!) : undefined);
  for (let i = 0; i < line.length; i += 1) {
    const tip = line[i]!;
    const number = direct(tip);
    if (number === undefined) continue;
    out.set(tip.commit, number);
    if (tip.parents.length !== 1 || !byMerge.has(tip.commit)) continue;
    for (let j = i + 1; j < line.length; j += 1) {
      const earlier = line[j]!;
      if (earlier.parents.length !== 1 || direct(earlier) !== undefined || earlier.committed_at !== tip.committed_at || earlier.committer_email !== tip.committer_email) break;
      out.set(earlier.commit, number);
      i = j;
    }
  }
  return out;
}

/** The policy history with each commit's pull request filled in from `attributePullRequests`. Pure. */
export function withPullRequests(history: readonly PolicyCommit[], attributed: ReadonlyMap<string, number>): PolicyCommit[] {
  return history.map((c) => (c.pull_request !== null || !attributed.has(c.commit) ? c : { ...c, pull_request: attributed.get(c.commit)! }));
}

/** The pull requests evidence records name (approvals, acknowledgments and change populations), from their parsed JSON. Pure. */
export function recordedPulls(records: readonly unknown[]): RecordedPull[] {
  const out: RecordedPull[] = [];
  const add = (p: unknown) => {
    const pull = p as Partial<RecordedPull> | undefined;
    if (typeof pull?.number === 'number' && typeof pull.head_sha === 'string') out.push({ number: pull.number, head_sha: pull.head_sha, merge_commit_sha: typeof pull.merge_commit_sha === 'string' ? pull.merge_commit_sha : null });
  };
  for (const record of records) {
    const subject = (record as { subject?: { pull_request?: unknown; pull_requests?: unknown } } | null)?.subject;
    if (!subject) continue;
    add(subject.pull_request);
    if (Array.isArray(subject.pull_requests)) subject.pull_requests.forEach(add);
  }
  return out;
}
