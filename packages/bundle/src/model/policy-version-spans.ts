import type { AuditPeriod, PolicyCommit } from '../bundle-inputs.js';

/** One content of a policy file on the default branch, from the commit that brought it to the next change. */
export interface PolicyVersionSpan {
  path: string;
  /** Blob id of the content. */
  blob: string;
  commit: PolicyCommit;
  /** Committer date of that commit (when the content reached the default branch). */
  from: string;
  /** Committer date of the next commit that changed or removed the file; absent while it is still in force. */
  to?: string;
}

/**
 * Every content each policy file had on the default branch (first-parent history, newest first as
 * read) that was in force at some time in the period: from the day its commit landed to the day
 * the next one replaced it, both counted. Pure.
 */
export function policyVersionSpans(history: readonly PolicyCommit[], period: AuditPeriod): PolicyVersionSpan[] {
  const spans: PolicyVersionSpan[] = [];
  const next = new Map<string, string>(); // path → committer date of the later change already seen
  for (const commit of history) {
    for (const file of commit.files) {
      const to = next.get(file.path);
      next.set(file.path, commit.committed_at);
      if (file.status === 'D' || !file.blob) continue;
      const from = commit.committed_at;
      if (from.slice(0, 10) > period.end || (to !== undefined && to.slice(0, 10) < period.start)) continue;
      spans.push({ path: file.path, blob: file.blob, commit, from, ...(to !== undefined ? { to } : {}) });
    }
  }
  // Oldest first; commits landed in the same second (a rebase merge) keep their order on the branch.
  return spans.reverse().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
