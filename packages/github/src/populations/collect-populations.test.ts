import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ChangePopulationSubject, Person } from '@evident/core';
import { FakeGitHub } from '../../test/fake-github/fake-github.js';
import { FakeChecksAndRulesets } from '../../test/fake-github/fake-checks-and-rulesets.js';
import { FakeIssuesAndRules, protectiveRules } from '../../test/fake-github/fake-issues-and-rules.js';
import { createGitSandbox, seedProgram, type Clone, type GitSandbox } from '../../test/git-sandbox.js';
import { createEvidenceRecordValidator } from '../create-evidence-record-validator.js';
import { createOctokit, type GitHubClient } from '../create-octokit.js';
import { readEvidenceChain } from '../read-evidence-chain.js';
import { verifyEvidenceBranch } from '../verify-evidence-branch.js';
import { collectBranchRules, summarizeBranchRules } from './collect-branch-rules.js';
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
  let checks: FakeChecksAndRulesets;
  let rules: FakeIssuesAndRules['rules'];
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    rules = FakeIssuesAndRules.install(fake).rules;
    rules.set('main', protectiveRules({ approvals: 1, checks: ['evident check', 'tests'] }));
    checks = FakeChecksAndRulesets.install(fake);
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
    expect(subject.totals).toEqual({ merged: 3, merged_without_approval: 2, bypassed: 3 });
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
      reviews_after_merge: [],
      status_checks: { readable: true, required: ['evident check', 'tests'], results: [] },
      bypass: { bypassed: true, reasons: ['required check `evident check`: missing', 'required check `tests`: missing'] },
      references: [],
    });
    expect(subject.pull_requests[1]!.reviews.map((r) => r.state)).toEqual(['APPROVED']);
    expect(record).toMatchObject({ kind: 'change-population', repository: 'acme/program', recorded_at: '2026-10-02T06:00:00.000Z', id: expect.stringMatching(/^change-population\/acme\/program\/2026-07-01\.\.2026-09-30\/[0-9a-f]{12}$/) });
    expect(record.provenance.api_calls.map((c) => `${c.method} ${c.route} ${c.status}`)).toEqual([
      'GET /repos/{owner}/{repo}/pulls 200',
      ...[10, 11, 12].flatMap((n) => [
        'GET /repos/{owner}/{repo}/pulls/{pull_number} 200',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews 200',
        'GET /repos/{owner}/{repo}/commits/{ref}/check-runs 200',
        'GET /repos/{owner}/{repo}/commits/{ref}/status 200',
        ...(n === 10 ? ['GET /repos/{owner}/{repo}/rules/branches/{branch} 200'] : []),
      ]),
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

  const repository = { owner: 'acme', repo: 'program' };
  const mergedAt = '2026-07-10T12:00:00Z';
  const mergedPull = (number: number, extra: { title?: string; body?: string } = {}) =>
    fake.addPull({ number, title: extra.title ?? `Change ${number}`, ...(extra.body ? { body: extra.body } : {}), author: 'grace-gh', head: { ref: `change-${number}`, sha: sha(number) }, base: { ref: 'main', sha: sha(1, 'b') }, merged: { by: 'ada-gh', at: mergedAt, sha: sha(number, 'c') } });
  const collect = async () => (await collectChangePopulation(client, { repository, period, people, now, toolVersion: '0.1.0' })).subject as ChangePopulationSubject;
  const passing = (at: string) => {
    checks.checkRuns.set(at, [{ name: 'evident check', conclusion: 'success' }, { name: 'tests', conclusion: 'success' }]);
  };

  it('counts only reviews submitted at or before the merge: the latest per reviewer before it decides', async () => {
    mergedPull(20);
    fake.addReview(20, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(20), submitted_at: '2026-07-10T12:00:01Z' }); // approved only after the merge
    mergedPull(21);
    fake.addReview(21, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(21), submitted_at: '2026-07-10T11:00:00Z' });
    fake.addReview(21, { login: 'ada-gh', state: 'CHANGES_REQUESTED', commit_id: sha(21), submitted_at: '2026-07-11T09:00:00Z' }); // sent back after the merge
    mergedPull(22);
    fake.addReview(22, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(22), submitted_at: mergedAt }); // at the merge itself
    for (const n of [20, 21, 22]) passing(sha(n));
    const subject = await collect();
    expect(subject.pull_requests.map((p) => [p.number, p.approved_by, p.merged_without_approval, p.bypass?.bypassed])).toEqual([
      [20, [], true, true],
      [21, ['ada-gh'], false, false],
      [22, ['ada-gh'], false, false],
    ]);
    const [late, sentBack] = subject.pull_requests;
    expect(late!.reviews).toEqual([]);
    expect(late!.reviews_after_merge).toEqual([expect.objectContaining({ reviewer: 'ada-gh', state: 'APPROVED', submitted_at: '2026-07-10T12:00:01Z' })]);
    expect(late!.bypass!.reasons).toEqual(['approvals: 0 of 1 required']);
    expect(sentBack!.reviews).toEqual([expect.objectContaining({ state: 'APPROVED', submitted_at: '2026-07-10T11:00:00Z' })]);
    expect(sentBack!.reviews_after_merge).toEqual([expect.objectContaining({ state: 'CHANGES_REQUESTED', submitted_at: '2026-07-11T09:00:00Z' })]);
    expect(subject.totals).toEqual({ merged: 3, merged_without_approval: 1, bypassed: 1 });
  });

  it('records the status checks at the head, the required ones, the bypass and the ticket references', async () => {
    mergedPull(30, { title: 'Rotate keys (OPS-9)', body: 'Fixes #123 and SEC-42; see acme/other#7. Not a ticket: UTF-8, x#1, #123 again.' });
    fake.addReview(30, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(30) });
    checks.checkRuns.set(sha(30), [{ name: 'evident check', conclusion: 'success' }, { name: 'tests', conclusion: 'failure' }, { name: 'lint', status: 'in_progress', conclusion: null }]);
    checks.statuses.set(sha(30), [{ context: 'ci/legacy', state: 'success' }]);
    mergedPull(31);
    fake.addReview(31, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(31) });
    checks.checkRuns.set(sha(31), [{ name: 'evident check', conclusion: 'success' }]);
    checks.statuses.set(sha(31), [{ context: 'tests', state: 'success' }]);
    mergedPull(32);
    fake.addReview(32, { login: 'ada-gh', state: 'APPROVED', commit_id: sha(32) });
    checks.checksForbidden.add(sha(32));
    const subject = await collect();
    const [failing, passingPull, unreadable] = subject.pull_requests;
    expect(failing).toMatchObject({
      references: ['OPS-9', '#123', 'SEC-42', 'acme/other#7'],
      status_checks: {
        readable: true,
        required: ['evident check', 'tests'],
        results: [
          { name: 'evident check', kind: 'check-run', conclusion: 'success' },
          { name: 'lint', kind: 'check-run', conclusion: 'in_progress' },
          { name: 'tests', kind: 'check-run', conclusion: 'failure' },
          { name: 'ci/legacy', kind: 'status', conclusion: 'success' },
        ],
      },
      bypass: { bypassed: true, reasons: ['required check `tests`: failure'] },
      merged_without_approval: false,
    });
    expect(passingPull).toMatchObject({ references: [], bypass: { bypassed: false, reasons: [] } });
    expect(unreadable).toMatchObject({ status_checks: { readable: false, results: [] }, bypass: { bypassed: false, reasons: [] } });
    expect(subject.totals).toEqual({ merged: 3, merged_without_approval: 0, bypassed: 1 });
  });

  it('records who may bypass each ruleset when the token can see it, and says so when it cannot', async () => {
    rules.set('main', [
      ...protectiveRules({ approvals: 1 }),
      { type: 'non_fast_forward', ruleset_id: 18, ruleset_source_type: 'Organization', ruleset_source: 'acme' },
      { type: 'deletion', ruleset_id: 19 },
    ]);
    checks.rulesets.set(17, { id: 17, name: 'main protection', bypass_actors: [{ actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' }, { actor_id: null, actor_type: 'DeployKey', bypass_mode: 'always' }] });
    checks.rulesets.set(18, { id: 18, name: 'org baseline' });
    checks.rulesets.set(19, { id: 19, name: 'hidden', hidden: true });
    const record = await collectBranchRules(client, { repository, now, toolVersion: '0.1.0' });
    expect(record.subject.rulesets).toEqual([
      { id: 17, name: 'main protection', source_type: 'Repository', source: 'acme/program', bypass_actors: [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'always' }, { actor_type: 'DeployKey', actor_id: null, bypass_mode: 'always' }] },
      { id: 18, name: 'org baseline', source_type: 'Organization', source: 'acme', bypass_actors: 'not visible to this token' },
      { id: 19, source_type: 'Repository', source: 'acme/program', bypass_actors: 'not visible to this token' },
    ]);
    expect(record.provenance.api_calls.filter((c) => c.route.endsWith('{ruleset_id}')).map((c) => [c.path, c.status])).toEqual([
      ['/repos/acme/program/rulesets/17', 200],
      ['/repos/acme/program/rulesets/18', 200],
      ['/repos/acme/program/rulesets/19', 404],
    ]);
    expect(createEvidenceRecordValidator()({ ...record, sequence: 1, previous_hash: null, hash: '0'.repeat(64) })).toEqual([]);
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
      expect(first.append!.appended[1]!.record.provenance.api_calls.map((c) => c.route)).toEqual(['/repos/{owner}/{repo}', '/repos/{owner}/{repo}/rules/branches/{branch}', '/repos/{owner}/{repo}/rulesets/{ruleset_id}']);
      expect(first.append!.appended[1]!.record.subject).toMatchObject({ rulesets: [{ id: 17, source_type: 'Repository', source: 'acme/program', bypass_actors: 'not visible to this token' }] });

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
