import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sha256Hex, type ApprovalSubject, type ExceptionSubject } from '@evident/core';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { Clone } from '../test/git-sandbox.js';
import { loadModel, twoCommitPolicyChangeTemplate, type PolicyScenario } from '../test/pull-request-scenario.js';
import { collectEvidence, type CollectOptions } from './collect-evidence.js';
import { GitHubRequestError } from './github-request-error.js';
import { readEvidenceChain } from './read-evidence-chain.js';
import { verifyEvidenceBranch } from './verify-evidence-branch.js';

const POLICY = 'policies/access-control.md';
const now = () => new Date('2026-03-02T10:00:00Z');

describe('collecting the approvals of a merged policy change', () => {
  let s: PolicyScenario;
  let firstSha: string;
  let headSha: string;
  let runner: Clone;

  /** Built once: the policy changed in two commits on `change-access`, pushed and merged into main, and a runner clone of it. */
  const scenario = twoCommitPolicyChangeTemplate(POLICY, '1.1', 'Access is removed within one day of departure.', 'Shared accounts are forbidden.');

  beforeEach(async () => {
    const started = await scenario();
    s = started.s;
    ({ firstSha, headSha } = started.state);
    s.fake.addPull({
      number: 7,
      title: 'Access control 1.1',
      author: 'linus-gh',
      head: { ref: 'change-access', sha: headSha },
      base: { ref: 'main', sha: s.baseSha },
      merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: started.state.mergeSha },
      files: [{ filename: POLICY, status: 'modified' }, { filename: 'README.md', status: 'added' }],
    });
    runner = s.sandbox.open('runner');
  });
  afterEach(async () => s.cleanup());

  const collect = async (extra: Partial<CollectOptions> = {}) =>
    collectEvidence(s.client, {
      repository: { owner: 'acme', repo: 'program' },
      pullNumber: 7,
      model: await loadModel(runner.dir),
      git: runner.git,
      committer: { name: 'Evidence Bot', email: 'bot@example.com' },
      now,
      toolVersion: '0.1.0',
      ...extra,
    });
  const approve = (login: string, commit = headSha) => s.fake.addReview(7, { login, state: 'APPROVED', commit_id: commit });
  const reasons = (records: { kind: string; subject: unknown }[]) =>
    records
      .filter((r) => r.kind === 'exception')
      .map((r) => [(r.subject as ExceptionSubject).reason, (r.subject as ExceptionSubject).reviews?.[0]?.reviewer ?? (r.subject as ExceptionSubject).detail])
      .sort();
  const approval = (records: { kind: string; subject: unknown }[]) => (records.find((r) => r.kind === 'policy-approval')!.subject as ApprovalSubject).policies[0]!;

  it('records an approval bound to the SHA-256 of the policy at the approved commit, with provenance', async () => {
    approve('grace-gh');
    approve('margaret-gh');
    const result = await collect();
    expect(result.kind).toBe('policy-approval');
    expect(reasons(result.records)).toEqual([]);
    const bytes = Buffer.from(await s.dev.git.binaryCatFile(['blob', `${headSha}:${POLICY}`]));
    expect(approval(result.records)).toEqual({
      id: 'access-control',
      version: '1.1',
      path: POLICY,
      commit: headSha,
      sha256: sha256Hex(bytes),
      change: 'modified',
      required_approvers: ['security', 'margaret'],
      approvals: [
        expect.objectContaining({ reviewer: 'grace-gh', person: 'grace', state: 'APPROVED', commit_id: headSha, review_id: expect.any(Number), submitted_at: expect.any(String) }),
        expect.objectContaining({ reviewer: 'margaret-gh', person: 'margaret' }),
      ],
      approved: true,
    });
    const [stored] = result.append!.appended;
    expect(stored!.record).toMatchObject({
      id: 'policy-approval/acme/program/pr-7',
      sequence: 1,
      previous_hash: null,
      subject: { pull_request: { number: 7, title: 'Access control 1.1', author: 'linus-gh', head_sha: headSha, merged_by: 'ada-gh', merged_at: '2026-03-02T09:00:00Z', url: 'https://github.com/acme/program/pull/7' } },
      provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-02T10:00:00.000Z' },
    });
    expect(stored!.record.provenance.api_calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /repos/acme/program/pulls/7 200',
      'GET /repos/acme/program/pulls/7/files?per_page=100 200',
      'GET /repos/acme/program/pulls/7/commits?per_page=100 200',
      'GET /repos/acme/program/pulls/7/reviews?per_page=100 200',
      'GET /repos/acme/program/collaborators/grace-gh/permission 200',
      'GET /repos/acme/program/collaborators/margaret-gh/permission 200',
    ]);
    expect(result.unapproved).toEqual([]);
    expect(await verifyEvidenceBranch(runner.git, { remote: 'origin', branch: 'evidence' })).toMatchObject({ records: 1, problems: [] });
  });

  it('a stale approval (given before the last push) does not count and is recorded as an exception', async () => {
    approve('margaret-gh', firstSha);
    approve('ada-gh');
    const result = await collect();
    expect(reasons(result.records)).toEqual([
      ['missing-approver', 'Policy `access-control` changed without an approval from `margaret` at the final head'],
      ['stale-approval', 'margaret-gh'],
    ]);
    expect(approval(result.records)).toMatchObject({ approved: false, approvals: [expect.objectContaining({ reviewer: 'ada-gh' })] });
    expect(result.unapproved).toEqual(['access-control']);
  });

  it('a dismissed approval does not count', async () => {
    s.fake.addReview(7, { login: 'margaret-gh', state: 'DISMISSED', commit_id: headSha });
    approve('ada-gh');
    const result = await collect();
    expect(reasons(result.records)).toEqual([['dismissed-review', 'margaret-gh'], ['missing-approver', expect.stringContaining('`margaret`')]]);
  });

  it("the author's own approval does not count (segregation of duties)", async () => {
    s.fake.pull(7)!.author = 'grace-gh';
    approve('grace-gh');
    approve('margaret-gh');
    const result = await collect();
    expect(reasons(result.records)).toEqual([['missing-approver', expect.stringContaining('no member of team `security`')], ['self-approval', 'grace-gh']]);
    expect(approval(result.records).approvals.map((a) => a.reviewer)).toEqual(['margaret-gh']);
  });

  it('an approval by someone without write access counts only when they are a listed approver', async () => {
    approve('outsider-gh');
    approve('ada-gh');
    approve('margaret-gh'); // read access, but a listed approver of this policy
    const result = await collect();
    expect(reasons(result.records)).toEqual([['no-write-access', 'outsider-gh']]);
    expect(approval(result.records)).toMatchObject({ approved: true, approvals: [expect.objectContaining({ reviewer: 'ada-gh' }), expect.objectContaining({ reviewer: 'margaret-gh' })] });
  });

  it('changes requested after an approval withdraw it', async () => {
    approve('grace-gh');
    approve('margaret-gh');
    s.fake.addReview(7, { login: 'grace-gh', state: 'COMMENTED', commit_id: headSha });
    s.fake.addReview(7, { login: 'grace-gh', state: 'CHANGES_REQUESTED', commit_id: headSha });
    const result = await collect();
    expect(reasons(result.records)).toEqual([['changes-requested', 'grace-gh'], ['missing-approver', expect.stringContaining('team `security`')]]);
    expect(result.records.find((r) => (r.subject as ExceptionSubject).reason === 'changes-requested')!.subject).toMatchObject({ detail: '@grace-gh requested changes after approving and had not approved again when the pull request was merged' });
  });

  it('reads every page of more than 100 reviews', async () => {
    for (let i = 0; i < 150; i += 1) s.fake.addReview(7, { login: 'linus-gh', state: 'COMMENTED', commit_id: headSha });
    approve('ada-gh');
    approve('margaret-gh');
    const result = await collect();
    expect(approval(result.records)).toMatchObject({ approved: true });
    expect(result.records[0]!.provenance.api_calls.filter((c) => c.route.endsWith('/reviews')).map((c) => c.path)).toEqual([
      '/repos/acme/program/pulls/7/reviews?per_page=100',
      '/repos/acme/program/pulls/7/reviews?per_page=100&page=2',
    ]);
  });

  it('a missing required approver leaves the policy unapproved', async () => {
    approve('ada-gh');
    const result = await collect();
    expect(reasons(result.records)).toEqual([['missing-approver', 'Policy `access-control` changed without an approval from `margaret` at the final head']]);
    expect(result.records.find((r) => r.kind === 'exception')).toMatchObject({ id: 'exception/acme/program/pr-7/missing-approver/access-control/margaret', subject: { policy: 'access-control' } });
  });

  it('collecting the same pull request twice adds nothing', async () => {
    approve('ada-gh');
    const first = await collect();
    const second = await collect();
    expect(first.append!.appended).toHaveLength(2);
    expect(second.append).toMatchObject({ appended: [], skipped: [first.records[0]!.id, first.records[1]!.id] });
    expect((await readEvidenceChain(runner.git, { remote: 'origin', branch: 'evidence' })).stored).toHaveLength(2);
  });

  it('when GitHub keeps failing it gives up with a named error and writes nothing', async () => {
    approve('ada-gh');
    s.fake.injectFault({ path: /\/reviews$/, times: 100, response: { status: 502, message: 'Bad Gateway' } });
    await expect(collect()).rejects.toBeInstanceOf(GitHubRequestError);
    expect((await simpleGit(s.sandbox.remote).raw(['branch', '--list', 'evidence'])).trim()).toBe('');
  });

  it('fetches the approved head when a shallow checkout does not have it', async () => {
    await simpleGit(s.sandbox.remote).addConfig('uploadpack.allowAnySHA1InWant', 'true'); // as GitHub serves any reachable commit
    await simpleGit(s.sandbox.dir).raw(['clone', '--quiet', '--depth=1', '--branch=main', `file://${s.sandbox.remote}`, 'shallow']);
    const shallow = simpleGit(path.join(s.sandbox.dir, 'shallow'));
    const hasHead = () => shallow.raw(['cat-file', '-e', `${headSha}^{commit}`]).then(() => true, () => false);
    expect(await hasHead()).toBe(false);
    approve('ada-gh');
    approve('margaret-gh');
    const result = await collect({ git: shallow, committer: { name: 'Evidence Bot', email: 'bot@example.com' } });
    expect(approval(result.records)).toMatchObject({ approved: true, commit: headSha });
    expect(await hasHead()).toBe(true);
  });

  it('a pull request that is not merged, or changes no policy, records nothing', async () => {
    s.fake.addPull({ number: 8, author: 'linus-gh', head: { ref: 'x', sha: headSha }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: POLICY, status: 'modified' }] });
    s.fake.addPull({ number: 9, author: 'linus-gh', head: { ref: 'y', sha: headSha }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: headSha }, files: [{ filename: 'controls/AC-01.md', status: 'modified' }] });
    expect(await collect({ pullNumber: 8 })).toMatchObject({ kind: 'none', reason: expect.stringContaining('not merged') });
    expect(await collect({ pullNumber: 9 })).toMatchObject({ kind: 'none', reason: expect.stringContaining('changes no policy') });
    expect((await simpleGit(s.sandbox.remote).raw(['branch', '--list', 'evidence'])).trim()).toBe('');
  });
});
