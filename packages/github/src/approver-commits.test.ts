/**
 * Segregation of duties against the commits of a pull request: an approver who wrote or pushed a
 * commit of the change is not independent, read with a real Octokit client from the fake GitHub.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ApprovalSubject, ExceptionSubject } from '@evident/core';
import type { Clone } from '../test/git-sandbox.js';
import type { CommitSpec } from '../test/fake-github/fake-repository.js';
import { loadModel, twoCommitPolicyChangeTemplate, type PolicyScenario } from '../test/pull-request-scenario.js';
import { collectEvidence } from './collect-evidence.js';

const POLICY = 'policies/access-control.md';
const BOT = 'github-actions[bot]';
const now = () => new Date('2026-03-02T10:00:00Z');

describe('approvals by people who wrote commits of the pull request', () => {
  let s: PolicyScenario;
  let firstSha: string;
  let headSha: string;
  let mergeSha: string;
  let runner: Clone;

  const scenario = twoCommitPolicyChangeTemplate(POLICY, '1.1', 'Access is removed within one day of departure.', 'Shared accounts are forbidden.');

  beforeEach(async () => {
    const started = await scenario();
    s = started.s;
    ({ firstSha, headSha, mergeSha } = started.state);
    runner = s.sandbox.open('runner');
  });
  afterEach(async () => s.cleanup());

  /** Pull request #9, opened by a bot, with these commits; grace (team `security`) and margaret approve the head. */
  const collectWith = async (commits: CommitSpec[]) => {
    s.fake.addPull({
      number: 9,
      title: 'Access control 1.1',
      author: BOT,
      head: { ref: 'change-access', sha: headSha },
      base: { ref: 'main', sha: s.baseSha },
      merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: mergeSha },
      files: [{ filename: POLICY, status: 'modified' }],
      commits,
    });
    s.fake.addReview(9, { login: 'grace-gh', state: 'APPROVED', commit_id: headSha });
    s.fake.addReview(9, { login: 'margaret-gh', state: 'APPROVED', commit_id: headSha });
    const result = await collectEvidence(s.client, {
      repository: { owner: 'acme', repo: 'program' },
      pullNumber: 9,
      model: await loadModel(runner.dir),
      git: runner.git,
      committer: { name: 'Evidence Bot', email: 'bot@example.com' },
      now,
      toolVersion: '0.1.0',
    });
    const exceptions = result.records.filter((r) => r.kind === 'exception').map((r) => r.subject as ExceptionSubject);
    const policy = (result.records.find((r) => r.kind === 'policy-approval')!.subject as ApprovalSubject).policies[0]!;
    return { result, exceptions, policy, reasons: exceptions.map((e) => [e.reason, e.reviews?.[0]?.reviewer ?? e.detail]).sort() as unknown[][] };
  };

  it('does not count a required approver who pushed the final head of a pull request a bot opened', async () => {
    const { result, exceptions, policy, reasons } = await collectWith([
      { sha: firstSha, author: BOT, committer: BOT },
      { sha: headSha, author: 'margaret-gh', committer: 'margaret-gh' },
    ]);
    expect(policy).toMatchObject({ approved: false, approvals: [expect.objectContaining({ reviewer: 'grace-gh' })] });
    expect(policy.approvals).toHaveLength(1);
    expect(reasons).toEqual([
      ['approver-authored-commits', 'margaret-gh'],
      ['missing-approver', 'Policy `access-control` changed without an approval from `margaret` at the final head'],
    ]);
    const authored = exceptions.find((e) => e.reason === 'approver-authored-commits')!;
    expect(authored.detail).toBe(`@margaret-gh authored or committed commit ${headSha.slice(0, 12)} of the pull request and approved it: segregation of duties requires an approver who did not write the change`);
    expect(result.unapproved).toEqual(['access-control']);
    expect(result.append!.appended.map((a) => a.record.id)).toContain(`exception/acme/program/pr-9/approver-authored-commits/review-${authored.reviews![0]!.review_id}`);
  });

  it('does not count an approver who only committed (rebased or pushed) a commit someone else wrote, whatever the case of the login', async () => {
    const { reasons } = await collectWith([{ sha: headSha, author: BOT, committer: 'Grace-GH' }]);
    expect(reasons).toEqual([
      ['approver-authored-commits', 'grace-gh'],
      ['missing-approver', 'Policy `access-control` changed without an approval from no member of team `security` at the final head'],
    ]);
  });

  it('counts approvals by people who wrote none of the commits, and reads every commit with its API call recorded', async () => {
    const { result, policy, reasons } = await collectWith([
      { sha: firstSha, author: BOT, committer: BOT },
      { sha: headSha, author: 'linus-gh', committer: 'linus-gh' },
    ]);
    expect(reasons).toEqual([]);
    expect(policy).toMatchObject({ approved: true });
    expect(policy.approvals.map((a) => a.reviewer)).toEqual(['grace-gh', 'margaret-gh']);
    expect(result.append!.appended[0]!.record.provenance.api_calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toContain('GET /repos/acme/program/pulls/9/commits?per_page=100 200');
  });

  it('cannot match a commit GitHub links to no account: its email alone does not make the approver a writer', async () => {
    const { policy, reasons } = await collectWith([{ sha: headSha, author: null, committer: null, email: 'margaret@example.com' }]);
    expect(reasons).toEqual([]);
    expect(policy).toMatchObject({ approved: true });
  });

  it('counts no approval as independent when the pull request has more commits than GitHub lists (250)', async () => {
    const commits = Array.from({ length: 251 }, (_, i) => ({ sha: i === 250 ? headSha : String(i).padStart(40, '0'), author: BOT, committer: BOT }));
    const { exceptions, policy, reasons } = await collectWith(commits);
    expect(policy).toMatchObject({ approved: false, approvals: [] });
    expect(reasons).toEqual([
      ['missing-approver', expect.stringContaining('from `margaret`')],
      ['missing-approver', expect.stringContaining('no member of team `security`')],
      ['unverified-commits', 'grace-gh'],
      ['unverified-commits', 'margaret-gh'],
    ]);
    expect(exceptions.find((e) => e.reason === 'unverified-commits')!.detail).toBe(
      'The pull request has 251 commits and GitHub lists only 250, so it cannot be shown that @grace-gh wrote none of them: the approval does not count as independent (split the change into smaller pull requests)',
    );
  });
});
