import type { PolicyCommit } from '../bundle-inputs.js';

/** The `git log` format `parsePolicyLog` reads: fields separated by US, commits by RS, then `--raw` (or `--name-status`) lines. */
export const POLICY_LOG_FORMAT = '%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s%x1f%b%x1f%P%x1f';

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
    const [commit, author, email, authoredAt, committedAt, subject, body] = fields as [string, string, string, string, string, string, string];
    // With parents (`%P`) the file lines follow a ninth field; without, the eighth.
    const parents = fields.length >= 9 ? fields[7]!.split(' ').filter(Boolean) : undefined;
    const rest = fields[fields.length - 1]!;
    const files = rest
      .split('\n')
      .map(fileLine)
      .filter((file): file is PolicyCommit['files'][number] => file !== undefined)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    commits.push({ commit, author, email, authored_at: authoredAt, committed_at: committedAt, subject, pull_request: pullRequestOf(subject, body), files, ...(parents ? { parents } : {}) });
  }
  return commits;
}

/** A `--raw` line (`:100644 100644 <old> <new> M\tpath`, with the blob the file became) or a `--name-status` line (`M\tpath`). */
function fileLine(line: string): PolicyCommit['files'][number] | undefined {
  const parts = line.split('\t');
  if (parts.length < 2) return undefined;
  const raw = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([A-Z])/.exec(parts[0]!);
  if (raw) return { status: raw[2]!, path: parts[parts.length - 1]!, ...(/^0+$/.test(raw[1]!) ? {} : { blob: raw[1]! }) };
  return /^[A-Z]/.test(parts[0]!) ? { status: parts[0]!.slice(0, 1), path: parts[parts.length - 1]! } : undefined;
}
