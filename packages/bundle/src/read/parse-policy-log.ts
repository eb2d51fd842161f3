import type { PolicyCommit } from '../bundle-inputs.js';

/** The `git log` format `parsePolicyLog` reads: fields separated by US, commits by RS, then `--name-status` lines. */
export const POLICY_LOG_FORMAT = '%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s%x1f%b%x1f';

/** The pull request a commit message names: `Merge pull request #12 from …` or a squash title ending `(#12)`. */
export function pullRequestOf(subject: string, body: string): number | null {
  const merge = /^Merge pull request #(\d+)\b/.exec(subject);
  if (merge) return Number(merge[1]);
  const squash = /\(#(\d+)\)\s*$/.exec(subject);
  if (squash) return Number(squash[1]);
  const trailer = /^(?:Pull-Request|PR):\s*#?(\d+)\s*$/im.exec(body);
  return trailer ? Number(trailer[1]) : null;
}

/** Parse `git log --format=POLICY_LOG_FORMAT --name-status` output. Pure. */
export function parsePolicyLog(output: string): PolicyCommit[] {
  const commits: PolicyCommit[] = [];
  for (const chunk of output.split('\x1e')) {
    if (chunk.trim() === '') continue;
    const fields = chunk.split('\x1f');
    if (fields.length < 8) continue;
    const [commit, author, email, authoredAt, committedAt, subject, body, rest] = fields as [string, string, string, string, string, string, string, string];
    const files = rest
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((parts) => parts.length >= 2 && /^[A-Z]/.test(parts[0]!))
      .map((parts) => ({ status: parts[0]!.slice(0, 1), path: parts[parts.length - 1]! }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    commits.push({ commit, author, email, authored_at: authoredAt, committed_at: committedAt, subject, pull_request: pullRequestOf(subject, body), files });
  }
  return commits;
}
