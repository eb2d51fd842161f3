import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ChangePopulationSubject, Person } from '@evident/core';
import { FakeGitHub } from '../../test/fake-github/fake-github.js';
import { FakeIssuesAndRules, protectiveRules } from '../../test/fake-github/fake-issues-and-rules.js';
import { createGitSandbox, seedProgram, type Clone, type GitSandbox } from '../../test/git-sandbox.js';
import { createEvidenceRecordValidator } from '../create-evidence-record-validator.js';
import { createOctokit, type GitHubClient } from '../create-octokit.js';
import { readEvidenceChain } from '../read-evidence-chain.js';
import { verifyEvidenceBranch } from '../verify-evidence-branch.js';
import { summarizeBranchRules } from './collect-branch-rules.js';
import { collectChangePopulation } from './collect-change-population.js';
import { collectPopulations } from './collect-populations.js';

const TOKEN = 'ghp_populationsToken_0c1d2e3f';
const period = { start: '2026-07-01', end: '2026-09-30' };
const now = () => new Date('2026-10-02T06:00:00Z');
const people: Person[] = [
  { id: 'ada', name: 'Ada Lovelace', github: 'ada-gh', email: 'ada@example.com', roles: [], start_date: '2025-01-01' },
  { id: 'grace', name: 'Grace Hopper', github: 'grace-gh', email: 'grace@example.com', roles: [], start_date: '2025-01-01' },
];
const sha = (n: number, tag = 'a') => `${tag}${String(n).padStart(39, '0')}`;

/** Merged pull requests of every kind the population must sort out. */
function seedPulls(fake: FakeGitHub, old = 0): void {
  const merged = (number: number, at: string, author = 'grace-gh', by = 'ada-gh') =>
    fake.addPull({ number, title: `Change ${number}`, author, head: { ref: `change-${number}`, sha: sha(number) }, base: { ref: 'main', sha: sha(1, 'b') }, merged: { by, at, sha: sha(number, 'c') } });
  for (let n = 1; n <= old; n += 1) merged(1000 + n, `2025-0${1 + (n % 9)}-15T10:00:00Z`);
  merged(10, '2026-07-03T09:00:00Z');
  fake.addReview(10, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(10) });
  merged(11, '2026-08-10T23:30:00Z', 'ada-gh', 'ada-gh');
  fake.addReview(11, { login: 'grace-gh', state: 'APPROVED', commit_id: sha(99) }); // approved an earlier commit only
  fake.addReview(11, { login: 'grace-gh', state: 'COMMENTED', commit_id: sha(11) });
  merged(12, '2026-09-30T23:59:59Z', 'ada-gh', 'grace-gh');
  fake.addReview(12, { login: 'grace-gh', state: 'APPROVED', commit_id: sha(12) });
  fake.addReview(12, { login: 'grace-gh', state: 'CHANGES_REQUESTED', commit_id: sha(12) }); // latest review withdraws it
  merged(13, '2026-06-30T23:59:59Z'); // before the period
  merged(14, '2026-10-01T00:00:00Z'); // after it
  fake.addPull({ number: 15, author: 'grace-gh', head: { ref: 'abandoned', sha: sha(15) }, base: { ref: 'main', sha: sha(1, 'b') }, state: 'closed' });
  fake.addPull({ number: 16, author: 'grace-gh', head: { ref: 'open', sha: sha(16) }, base: { ref: 'main', sha: sha(1, 'b') } });
}

describe('populations against the fake GitHub', () => {
  let fake: FakeGitHub;
  let client: GitHubClient;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    FakeIssuesAndRules.install(fake).rules.set('main', protectiveRules({ approvals: 1, checks: ['evident check', 'tests'] }));
    client = createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries: 2, retryBaseMs: 1, writeIntervalMs: 0 });
  });
  afterEach(async () => fake.stop());

  it('lists every pull request merged in the period with its approvals at the final head, author and merger', async () => {
    seedPulls(fake);
    const record = await collectChangePopulation(client, { repository: { owner: 'acme', repo: 'program' }, period, people, now, toolVersion: '0.1.0' });
    const subject = record.subject as ChangePopulationSubject;
    expect(subject.pull_requests.map((p) => [p.number, p.author, p.merged_by, p.approved_by, p.merged_without_approval])).toEqual([
      [10, 'grace-gh', 'ada-gh', ['ada-gh'], false],
      [11, 'ada-gh', 'ada-gh', [], true],
      [12, 'ada-gh', 'grace-gh', [], true],
    ]);
    expect(subject.totals).toEqual({ merged: 3, merged_without_approval: 2 });
    expect(subject.pull_requests[0]).toEqual({
      number: 10,
      url: 'https://github.com/acme/program/pull/10',
      title: 'Change 10',
      author: 'grace-gh',
      head_sha: sha(10),
      merge_commit_sha: sha(10, 'c'),
      merged_at: '2026-07-03T09:00:00Z',
      merged_by: 'ada-gh',
      base: 'main',
      author_person: 'grace',
      reviews: [{ reviewer: 'ada-gh', person: 'ada', review_id: expect.any(Number), state: 'APPROVED', submitted_at: expect.any(String), commit_id: sha(10) }],
      approved_by: ['ada-gh'],
      merged_without_approval: false,
    });
    expect(subject.pull_requests[1]!.reviews.map((r) => r.state)).toEqual(['APPROVED']);
    expect(record).toMatchObject({ kind: 'change-population', repository: 'acme/program', recorded_at: '2026-10-02T06:00:00.000Z', id: expect.stringMatching(/^change-population\/acme\/program\/2026-07-01\.\.2026-09-30\/[0-9a-f]{12}$/) });
    expect(record.provenance.api_calls.map((c) => `${c.method} ${c.route} ${c.status}`)).toEqual([
      'GET /repos/{owner}/{repo}/pulls 200',
      ...[10, 11, 12].flatMap(() => ['GET /repos/{owner}/{repo}/pulls/{pull_number} 200', 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews 200']),
    ]);
    expect(createEvidenceRecordValidator()({ ...record, sequence: 1, previous_hash: null, hash: '0'.repeat(64) })).toEqual([]);
    expect(fake.requests.every((r) => r.authorized && r.method === 'GET')).toBe(true);
  });

  it('pages through closed pull requests and stops at the first page updated before the period', async () => {
    seedPulls(fake, 320);
    fake.injectFault({ path: /\/pulls\/11\/reviews$/, times: 1, response: { status: 502, message: 'Bad gateway' } });
    const record = await collectChangePopulation(client, { repository: { owner: 'acme', repo: 'program' }, period, people, now, toolVersion: '0.1.0' });
    expect((record.subject as ChangePopulationSubject).pull_requests.map((p) => p.number)).toEqual([10, 11, 12]);
    const listing = fake.requests.filter((r) => /\/pulls\?/.test(r.url)).map((r) => new URL(r.url, 'http://x').searchParams.get('page'));
    expect(listing).toEqual(['1', '2']);
    expect(fake.requests.filter((r) => r.url.endsWith('/pulls/11/reviews?per_page=100'))).toHaveLength(2);
  });

  it('summarizes the rules protecting a branch, combining rulesets to the strictest', () => {
    expect(summarizeBranchRules([...protectiveRules({ approvals: 1 }), { type: 'pull_request', parameters: { required_approving_review_count: 2, require_last_push_approval: true } }])).toEqual({
      pull_request_required: true,
      required_approving_review_count: 2,
      dismiss_stale_reviews_on_push: true,
      require_code_owner_review: true,
      require_last_push_approval: true,
      required_status_checks: ['evident check'],
      blocks_force_pushes: true,
      blocks_deletion: true,
    });
    expect(summarizeBranchRules([])).toMatchObject({ pull_request_required: false, required_approving_review_count: 0, blocks_force_pushes: false });
  });

  describe('with the evidence branch', () => {
    let sandbox: GitSandbox;
    let clone: Clone;
    beforeEach(async () => {
      sandbox = await createGitSandbox();
      clone = await sandbox.clone('ci');
      await seedProgram(clone);
    });
    afterEach(async () => sandbox.cleanup());

    it('appends the population and the branch rules once; collecting again adds nothing', async () => {
      seedPulls(fake);
      const options = { repositories: [{ owner: 'acme', repo: 'program' }], period, people, now, toolVersion: '0.1.0', git: clone.git, branch: 'evidence', committer: { name: 'Evidence Bot', email: 'bot@example.com' } };
      const first = await collectPopulations(client, options);
      expect(first.append!.appended.map((a) => a.file)).toEqual([
        expect.stringMatching(/^records\/000001-change-population-acme-program-2026-07-01\.\.2026-09-30-[0-9a-f]{12}\.json$/),
        'records/000002-branch-rules-acme-program-main-2026-10-02.json',
      ]);
      expect(first.append!.appended[1]!.record.subject).toMatchObject({ branch: 'main', summary: { pull_request_required: true, required_approving_review_count: 1, required_status_checks: ['evident check', 'tests'] } });
      expect(first.append!.appended[1]!.record.provenance.api_calls.map((c) => c.route)).toEqual(['/repos/{owner}/{repo}', '/repos/{owner}/{repo}/rules/branches/{branch}']);

      const again = await collectPopulations(client, options);
      expect(again.append).toMatchObject({ appended: [], skipped: first.records.map((r) => r.id) });
      expect(await verifyEvidenceBranch(clone.git, { remote: 'origin', branch: 'evidence' })).toMatchObject({ records: 2, problems: [] });
      const chain = await readEvidenceChain(clone.git, { remote: 'origin', branch: 'evidence' });
      expect(chain.stored.map((s) => s.record.kind)).toEqual(['change-population', 'branch-rules']);
    });

    it('writes nothing without a checkout (a dry run)', async () => {
      seedPulls(fake);
      const result = await collectPopulations(client, { repositories: [{ owner: 'acme', repo: 'program' }], period, people, now, toolVersion: '0.1.0', branch: 'evidence', committer: { name: 'x', email: 'x@example.com' } });
      expect(result.append).toBeUndefined();
      expect(result.records.map((r) => r.kind)).toEqual(['change-population', 'branch-rules']);
      expect((await clone.git.raw(['ls-remote', '--heads', 'origin', 'evidence'])).trim()).toBe('');
    });
  });
});
