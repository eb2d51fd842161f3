import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { PolicyCommit } from '../bundle-inputs.js';
import { policyVersionSpans } from '../model/policy-version-spans.js';
import { attributePullRequests, withPullRequests, type RecordedPull } from './attribute-pull-requests.js';
import { readFirstParentLine } from './read-git-facts.js';
import { readPolicyHistory, readPolicyVersionTexts } from './read-policy-history.js';

/**
 * A real repository whose default branch received policy changes in every way GitHub merges:
 * a merge commit, a merge commit with an edited message, a squash (named and unnamed), a rebase
 * of two commits, and a direct push.
 */
let root: string;
const sha = {} as Record<string, string>;
const policy = (id: string, version: string, text: string) => `---\nid: ${id}\ntitle: ${id}\nversion: "${version}"\nstatus: approved\n---\n\n# ${id}\n\n${text}\n`;

function git(args: string[], at = '2025-12-01T10:00:00Z', committer = 'author@example.com'): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_AUTHOR_NAME: 'Author', GIT_AUTHOR_EMAIL: 'author@example.com', GIT_AUTHOR_DATE: at, GIT_COMMITTER_NAME: 'Committer', GIT_COMMITTER_EMAIL: committer, GIT_COMMITTER_DATE: at };
  return execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }).trim();
}
async function change(file: string, content: string, message: string, at: string, committer?: string): Promise<string> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
  git(['add', '.'], at);
  git(['commit', '-q', '-m', message], at, committer);
  return git(['rev-parse', 'HEAD']);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'evident-policy-history-'));
  git(['init', '-q', '--initial-branch=main']);
  git(['config', 'commit.gpgsign', 'false']);
  sha.initial = await change('policies/access.md', policy('access', '1.0', 'First.'), 'Add the access policy (#1)', '2025-12-01T10:00:00Z');
  await change('policies/backup.md', policy('backup', '1.0', 'Backups.'), 'Add the backup policy (#2)', '2025-12-02T10:00:00Z');
  // 1. GitHub's default merge commit: the branch commit says nothing of the pull request.
  git(['checkout', '-q', '-b', 'tighten'], '2026-02-01T09:00:00Z');
  sha.branchCommit = await change('policies/access.md', policy('access', '1.1', 'Tightened.'), 'Tighten access', '2026-02-01T09:00:00Z');
  git(['checkout', '-q', 'main'], '2026-02-01T10:00:00Z');
  git(['merge', '-q', '--no-ff', '-m', 'Merge pull request #5 from acme/tighten', 'tighten'], '2026-02-01T10:00:00Z');
  sha.merge = git(['rev-parse', 'HEAD']);
  // 2. A merge commit whose message was edited: its second parent is the recorded head.
  git(['checkout', '-q', '-b', 'edited'], '2026-02-10T09:00:00Z');
  sha.editedHead = await change('policies/backup.md', policy('backup', '1.1', 'Nightly backups.'), 'Nightly backups', '2026-02-10T09:00:00Z');
  git(['checkout', '-q', 'main'], '2026-02-10T10:00:00Z');
  git(['merge', '-q', '--no-ff', '-m', 'Nightly backups, reviewed', 'edited'], '2026-02-10T10:00:00Z');
  sha.editedMerge = git(['rev-parse', 'HEAD']);
  // 3. Squash merges: one titled with its number, one not (found by its recorded merge commit).
  sha.squash = await change('policies/access.md', policy('access', '1.2', 'Squashed.'), 'Access: MFA everywhere (#7)', '2026-03-01T10:00:00Z', 'noreply@github.com');
  sha.squashUnnamed = await change('policies/backup.md', policy('backup', '1.2', 'Weekly restore tests.'), 'Restore tests', '2026-03-05T10:00:00Z', 'noreply@github.com');
  // 4. A direct push, then a rebase merge of two commits written at once by GitHub.
  sha.direct = await change('policies/access.md', policy('access', '1.3', 'Pushed directly.'), 'Hotfix wording', '2026-04-01T08:00:00Z');
  sha.rebase1 = await change('policies/access.md', policy('access', '2.0', 'Rebased, first step.'), 'Rewrite access, part 1', '2026-04-02T10:00:00Z', 'noreply@github.com');
  sha.rebase2 = await change('policies/access.md', policy('access', '2.0', 'Rebased, final.'), 'Rewrite access, part 2', '2026-04-02T10:00:00Z', 'noreply@github.com');
  // 5. After the period.
  sha.after = await change('policies/access.md', policy('access', '2.1', 'Later.'), 'Later change (#12)', '2026-08-01T10:00:00Z');
});

afterAll(async () => rm(root, { recursive: true, force: true }));

const pulls = (): RecordedPull[] => [
  { number: 5, head_sha: sha.branchCommit!, merge_commit_sha: sha.merge! },
  { number: 8, head_sha: sha.editedHead!, merge_commit_sha: null },
  { number: 9, head_sha: 'f'.repeat(40), merge_commit_sha: sha.squashUnnamed! },
  { number: 10, head_sha: 'e'.repeat(40), merge_commit_sha: sha.rebase2! },
];

async function history(): Promise<PolicyCommit[]> {
  const g = simpleGit({ baseDir: root });
  const read = await readPolicyHistory(g, 'policies');
  return withPullRequests(read, attributePullRequests(await readFirstParentLine(g), new Map(read.map((c) => [c.commit, c.pull_request])), pulls()));
}

describe('policy history of the default branch', () => {
  it('follows the first-parent line: merge commits count with their changes, the merged branch commits do not appear', async () => {
    const commits = await history();
    expect(commits.map((c) => c.commit)).not.toContain(sha.branchCommit);
    expect(commits.map((c) => c.commit)).not.toContain(sha.editedHead);
    expect(commits.find((c) => c.commit === sha.merge)).toMatchObject({ subject: 'Merge pull request #5 from acme/tighten', files: [{ status: 'M', path: 'policies/access.md', blob: expect.stringMatching(/^[0-9a-f]{40}$/) }], parents: [expect.any(String), sha.branchCommit] });
  });

  it('finds the pull request of merge, squash and rebase merges, and none for a direct push', async () => {
    const commits = await history();
    expect(commits.map((c) => [c.subject, c.pull_request])).toEqual([
      ['Later change (#12)', 12],
      ['Rewrite access, part 2', 10],
      ['Rewrite access, part 1', 10],
      ['Hotfix wording', null],
      ['Restore tests', 9],
      ['Access: MFA everywhere (#7)', 7],
      ['Nightly backups, reviewed', 8],
      ['Merge pull request #5 from acme/tighten', 5],
      ['Add the backup policy (#2)', 2],
      ['Add the access policy (#1)', 1],
    ]);
  });

  it('gives every version in force during the period, from the commit that brought it to the one that replaced it, with its bytes', async () => {
    const commits = await history();
    const spans = policyVersionSpans(commits, { start: '2026-01-01', end: '2026-06-30' });
    expect(spans.map((s) => [s.path, s.commit.subject, s.from.slice(0, 10), s.to?.slice(0, 10) ?? null, s.commit.pull_request])).toEqual([
      ['policies/access.md', 'Add the access policy (#1)', '2025-12-01', '2026-02-01', 1],
      ['policies/access.md', 'Merge pull request #5 from acme/tighten', '2026-02-01', '2026-03-01', 5],
      ['policies/access.md', 'Access: MFA everywhere (#7)', '2026-03-01', '2026-04-01', 7],
      ['policies/access.md', 'Hotfix wording', '2026-04-01', '2026-04-02', null],
      ['policies/access.md', 'Rewrite access, part 1', '2026-04-02', '2026-04-02', 10],
      ['policies/access.md', 'Rewrite access, part 2', '2026-04-02', '2026-08-01', 10],
      ['policies/backup.md', 'Add the backup policy (#2)', '2025-12-02', '2026-02-10', 2],
      ['policies/backup.md', 'Nightly backups, reviewed', '2026-02-10', '2026-03-05', 8],
      ['policies/backup.md', 'Restore tests', '2026-03-05', null, 9],
    ]);
    const texts = await readPolicyVersionTexts(root, spans.map((s) => ({ path: s.path, commit: s.commit.commit, blob: s.blob })));
    const merged = texts[1]!;
    expect(Buffer.from(merged.bytes).toString('utf8')).toBe(policy('access', '1.1', 'Tightened.'));
    expect(createHash('sha256').update(merged.bytes).digest('hex')).toBe(createHash('sha256').update(git(['show', `${sha.merge}:policies/access.md`]) + '\n').digest('hex'));
    expect(Buffer.from(texts.at(-1)!.bytes).toString('utf8')).toBe(policy('backup', '1.2', 'Weekly restore tests.'));
  });
});
