/**
 * Which roster decides a policy approval: the one at the pull request's base commit. A pull request
 * that gives a required approver another GitHub login (or puts someone in a required team) does not
 * make that account's review count as theirs; the next pull request, with the change merged, does.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ApprovalSubject, EvidenceRecord, ExceptionSubject, UnsealedRecord } from '@evident/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { commitAll, writeFiles, type Clone } from '../test/git-sandbox.js';
import { changePolicy, loadModel, mergeIntoMain, scenarioTemplate, type PolicyScenario } from '../test/pull-request-scenario.js';
import { collectEvidence } from './collect-evidence.js';
import { findPersonByLogin } from './find-person-by-login.js';

const POLICY = 'policies/access-control.md'; // approvers: [security, margaret]

type AnyRecord = UnsealedRecord | EvidenceRecord;
const approvalOf = (records: AnyRecord[]) => (records.find((r) => r.kind === 'policy-approval')!.subject as ApprovalSubject).policies[0]!;
const exceptionsOf = (records: AnyRecord[]) => records.filter((r) => r.kind === 'exception').map((r) => r.subject as ExceptionSubject);
const reasons = (records: AnyRecord[]) => exceptionsOf(records).map((e) => [e.reason, e.reviews?.[0]?.reviewer ?? e.detail]).sort();

describe('policy approvals take the roster at the base commit', () => {
  let s: PolicyScenario;
  let runner: Clone;

  /** Made once per file: the seeded program and a runner clone of it. */
  const scenario = scenarioTemplate(async ({ sandbox }) => {
    await sandbox.clone('runner');
  });

  beforeEach(async () => {
    ({ s } = await scenario());
    runner = s.sandbox.open('runner');
  });
  afterEach(async () => s.cleanup());

  const edit = async (file: string, from: string | RegExp, to: string) => {
    const text = await readFile(path.join(s.dev.dir, file), 'utf8');
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`Nothing to replace in ${file}`);
    await writeFiles(s.dev.dir, { [file]: changed });
  };
  const giveLogin = (person: string, from: string, to: string) => edit('people.yaml', new RegExp(`(- id: ${person}\\n(?:    .*\\n)*?    github: )${from}\\n`), `$1${to}\n`);

  /** Make a branch off main with `change`, merge it, and tell the fake GitHub about the pull request. */
  const mergedPull = async (number: number, branch: string, change: () => Promise<string>, files: { filename: string; status: 'added' | 'modified' | 'removed' }[]) => {
    const baseSha = (await s.dev.git.revparse(['HEAD'])).trim();
    await s.dev.git.checkout(['-b', branch]);
    const headSha = await change();
    await s.dev.git.push('origin', branch);
    const mergeSha = await mergeIntoMain(s.dev, branch);
    s.fake.addPull({ number, author: 'linus-gh', head: { ref: branch, sha: headSha }, base: { ref: 'main', sha: baseSha }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: mergeSha }, files });
    return { baseSha, headSha };
  };
  const collect = async (pullNumber: number) => {
    await runner.git.pull('origin', 'main');
    return collectEvidence(s.client, {
      repository: { owner: 'acme', repo: 'program' },
      pullNumber,
      model: await loadModel(runner.dir),
      git: runner.git,
      committer: { name: 'Evidence Bot', email: 'bot@example.com' },
      now: () => new Date('2026-03-02T10:00:00Z'),
      toolVersion: '0.1.0',
    });
  };
  const approve = (pull: number, login: string, commit: string) => s.fake.addReview(pull, { login, state: 'APPROVED', commit_id: commit, submitted_at: '2026-03-02T08:00:00Z' });

  it("a pull request that gives a required approver another login does not make that login's review theirs", async () => {
    const { headSha } = await mergedPull(7, 'remap-margaret', async () => {
      await giveLogin('margaret', 'margaret-gh', 'outsider-gh');
      return changePolicy(s.dev, POLICY, '1.1', 'Shared accounts are forbidden.');
    }, [{ filename: 'people.yaml', status: 'modified' }, { filename: POLICY, status: 'modified' }]);
    approve(7, 'ada-gh', headSha);
    approve(7, 'outsider-gh', headSha); // read access only
    const result = await collect(7);
    // The roster the checkout holds after the merge does say outsider-gh is margaret.
    expect(findPersonByLogin((await loadModel(runner.dir)).people, 'outsider-gh')?.id).toBe('margaret');

    expect(approvalOf(result.records)).toMatchObject({ approved: false, required_approvers: ['security', 'margaret'], approvals: [{ reviewer: 'ada-gh', person: 'ada' }] });
    expect(reasons(result.records)).toEqual([
      ['approver-login-changed', 'outsider-gh'],
      ['missing-approver', 'Policy `access-control` changed without an approval from `margaret` at the final head'],
      ['no-write-access', 'outsider-gh'],
    ]);
    const flagged = exceptionsOf(result.records).find((e) => e.reason === 'approver-login-changed')!;
    expect(flagged).toMatchObject({
      policy: 'access-control',
      detail: "The pull request changes the GitHub login of `margaret`, a required approver of `access-control`, from @margaret-gh to @outsider-gh: approvals are decided with the roster at the base commit, so only a review by @margaret-gh counts as `margaret`'s",
      reviews: [{ reviewer: 'outsider-gh', person: null, state: 'APPROVED', commit_id: headSha }],
    });
    expect(result.records.find((r) => r.kind === 'exception' && (r.subject as ExceptionSubject).reason === 'approver-login-changed')!.id).toBe('exception/acme/program/pr-7/approver-login-changed/access-control/margaret');
    expect(exceptionsOf(result.records).find((e) => e.reason === 'no-write-access')!.reviews).toEqual([expect.objectContaining({ reviewer: 'outsider-gh', person: null })]);
    expect(result.unapproved).toEqual(['access-control']);
    // What reached the evidence branch says the same.
    expect(approvalOf(result.append!.appended.map((a) => a.record))).toMatchObject({ approved: false, approvals: [{ reviewer: 'ada-gh' }] });
  });

  it('the same pull request still counts the approver under the login the base roster gives them, and names the change', async () => {
    const { headSha } = await mergedPull(7, 'remap-margaret', async () => {
      await giveLogin('margaret', 'margaret-gh', 'outsider-gh');
      return changePolicy(s.dev, POLICY, '1.1', 'Shared accounts are forbidden.');
    }, [{ filename: 'people.yaml', status: 'modified' }, { filename: POLICY, status: 'modified' }]);
    approve(7, 'ada-gh', headSha);
    approve(7, 'margaret-gh', headSha);
    const result = await collect(7);
    expect(approvalOf(result.records)).toMatchObject({ approved: true, approvals: [{ reviewer: 'ada-gh', person: 'ada' }, { reviewer: 'margaret-gh', person: 'margaret' }] });
    expect(exceptionsOf(result.records).map((e) => [e.reason, e.reviews])).toEqual([['approver-login-changed', undefined]]);
    expect(result.unapproved).toEqual([]);
  });

  it("an honest change whose approvers' logins the base roster already has is approved as before; other people's login changes are not named", async () => {
    const { headSha } = await mergedPull(7, 'change-access', async () => {
      await giveLogin('linus', 'linus-gh', 'linus-new-gh');
      return changePolicy(s.dev, POLICY, '1.1', 'Shared accounts are forbidden.');
    }, [{ filename: 'people.yaml', status: 'modified' }, { filename: POLICY, status: 'modified' }]);
    approve(7, 'grace-gh', headSha);
    approve(7, 'margaret-gh', headSha);
    const result = await collect(7);
    expect(approvalOf(result.records)).toMatchObject({ approved: true, approvals: [{ reviewer: 'grace-gh', person: 'grace' }, { reviewer: 'margaret-gh', person: 'margaret' }] });
    expect(reasons(result.records)).toEqual([]);
  });

  it('a pull request that puts an account in a required team does not make its review count for the team', async () => {
    const { headSha } = await mergedPull(7, 'join-security', async () => {
      const people = await readFile(path.join(s.dev.dir, 'people.yaml'), 'utf8');
      await writeFiles(s.dev.dir, { 'people.yaml': `${people}  - id: olivia\n    name: Olivia Example\n    github: outsider-gh\n    email: olivia@example.com\n    roles: [engineer]\n    start_date: 2025-01-01\n` });
      await edit('evident.yaml', 'members: [ada, grace]', 'members: [ada, grace, olivia]');
      return changePolicy(s.dev, POLICY, '1.1', 'Shared accounts are forbidden.');
    }, [{ filename: 'people.yaml', status: 'modified' }, { filename: 'evident.yaml', status: 'modified' }, { filename: POLICY, status: 'modified' }]);
    approve(7, 'outsider-gh', headSha);
    approve(7, 'margaret-gh', headSha);
    const result = await collect(7);
    expect(approvalOf(result.records)).toMatchObject({ approved: false, approvals: [{ reviewer: 'margaret-gh' }] });
    expect(reasons(result.records)).toEqual([
      ['missing-approver', 'Policy `access-control` changed without an approval from no member of team `security` at the final head'],
      ['no-write-access', 'outsider-gh'],
    ]);
  });

  it('a pull request that changes only the roster records nothing, and the next policy change uses the login it gave', async () => {
    await mergedPull(8, 'remap-margaret', async () => {
      await giveLogin('margaret', 'margaret-gh', 'outsider-gh');
      return commitAll(s.dev, "Margaret's new GitHub account");
    }, [{ filename: 'people.yaml', status: 'modified' }]);
    s.fake.addReview(8, { login: 'ada-gh', state: 'APPROVED', commit_id: s.fake.pull(8)!.head.sha });
    expect(await collect(8)).toMatchObject({ kind: 'none', reason: 'pull request #8 changes no policy under `policies/`', records: [] });
    expect((await simpleGit(s.sandbox.remote).raw(['branch', '--list', 'evidence'])).trim()).toBe('');

    const { headSha } = await mergedPull(9, 'change-access', () => changePolicy(s.dev, POLICY, '1.1', 'Shared accounts are forbidden.'), [{ filename: POLICY, status: 'modified' }]);
    approve(9, 'ada-gh', headSha);
    approve(9, 'outsider-gh', headSha);
    const result = await collect(9);
    expect(approvalOf(result.records)).toMatchObject({ approved: true, approvals: [{ reviewer: 'ada-gh', person: 'ada' }, { reviewer: 'outsider-gh', person: 'margaret' }] });
    expect(reasons(result.records)).toEqual([]);
  });

  it('a new policy whose approver the pull request itself adds to the roster is not approved by that person', async () => {
    const NEW = 'policies/vendor-management.md';
    const { headSha } = await mergedPull(7, 'new-policy', async () => {
      const people = await readFile(path.join(s.dev.dir, 'people.yaml'), 'utf8');
      const text = (await readFile(path.join(s.dev.dir, POLICY), 'utf8')).replace('id: access-control', 'id: vendor-management').replace('title: Access Control Policy', 'title: Vendor Management Policy').replace('approvers: [security, margaret]', 'approvers: [olivia]');
      await writeFiles(s.dev.dir, { 'people.yaml': `${people}  - id: olivia\n    name: Olivia Example\n    github: outsider-gh\n    email: olivia@example.com\n    roles: [engineer]\n    start_date: 2025-01-01\n`, [NEW]: text });
      return commitAll(s.dev, 'Vendor management policy');
    }, [{ filename: 'people.yaml', status: 'modified' }, { filename: NEW, status: 'added' }]);
    approve(7, 'outsider-gh', headSha);
    const result = await collect(7);
    expect(approvalOf(result.records)).toMatchObject({ id: 'vendor-management', change: 'added', required_approvers: ['olivia'], approved: false, approvals: [] });
    expect(reasons(result.records)).toEqual([
      ['missing-approver', 'Policy `vendor-management` changed without an approval from `olivia` at the final head: `olivia` is not in the roster at the base commit, so no review counts for them'],
      ['no-write-access', 'outsider-gh'],
    ]);
  });
});
