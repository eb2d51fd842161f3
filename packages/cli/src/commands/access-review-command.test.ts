import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sha256Hex } from '@evident/core';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import type { FakeOrganization } from '../../../github/test/fake-github/fake-organization.js';
import { sandboxTemplate, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { commitAccessReviewProgram, programAccessReviewGitHub } from '../test-support/access-review-program.js';
import { capture, removeTemporary } from '../test-support/capture-run.js';

const TOKEN = 'ghp_accessReview_4e5f6a7b';
const BRANCH = 'evident/access-review/2026-Q3';
const FILE = 'access-reviews/2026-Q3.md';

describe('evident access review: the review pull request and its sign-off, against the fake GitHub', () => {
  let fake: FakeGitHub;
  let org: FakeOrganization;
  let sandbox: GitSandbox;
  let clone: Clone;
  let env: Record<string, string>;
  const environment = (server: FakeGitHub) => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.baseUrl, GITHUB_REPOSITORY: server.repository, GIT_COMMITTER_NAME: 'Evidence Bot', GIT_COMMITTER_EMAIL: 'bot@example.com' });
  /** The program's organisation, with grace's two-factor off and her write access. */
  const startGitHub = async (main: string) => {
    const server = await FakeGitHub.start({ token: TOKEN, tokenLogin: 'evident-bot' });
    const organization = programAccessReviewGitHub(server, main);
    organization.members.set('grace-example', { role: 'member', twoFactor: false });
    organization.collaborators.set('grace-example', 'write');
    return { server, organization };
  };
  /** Made once per file: the program pushed, and `evident access collect` run against that organisation. */
  const collected = sandboxTemplate(async (made) => {
    const { clone: program, main } = await commitAccessReviewProgram(made);
    const { server } = await startGitHub(main);
    try {
      expect((await capture(['access', 'collect'], { cwd: program.dir, env: environment(server) })).code).toBe(0);
    } finally {
      await server.stop(); // fails when a request or response did not match GitHub's OpenAPI description
    }
    return { main };
  });

  beforeEach(async () => {
    let state: { main: string };
    ({ sandbox, state } = await collected());
    ({ server: fake, organization: org } = await startGitHub(state.main));
    env = environment(fake);
    clone = sandbox.open('program');
  });
  afterEach(async () => {
    await fake.stop();
    await sandbox.cleanup();
    await removeTemporary();
  });

  const review = async (now = '2026-10-02T09:30:00Z') => {
    const run = await capture(['access', 'review', '--period', '2026-Q3', '--format', 'json'], { cwd: clone.dir, env, now: new Date(now) });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    return JSON.parse(run.stdout);
  };
  const puts = () => fake.requests.filter((r) => r.method === 'PUT').length;
  /** GitHub moves a pull request's head with its branch; the fake keeps the head it was opened with. */
  const followHead = (head: string) => void (fake.pull(1)!.head.sha = head);
  const occurrence = async (label: string) => {
    const status = await capture(['status', '--now', '2026-10-05', '--evidence-branch', '--format', 'json'], { cwd: clone.dir, env });
    return JSON.parse(status.stdout).controls.find((c: { id: string }) => c.id === 'AC-01').occurrences.find((o: { label: string }) => o.label === label);
  };

  it('opens the review pull request once, commits again only when the snapshot changes, and asks the owner', async () => {
    const first = await review();
    expect(first).toMatchObject({ pull: { number: 1, created: true, updated: false }, branch: BRANCH, path: FILE, control: 'AC-01', period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' }, requested: ['ada-example', 'grace-example'], signedOffBy: null });
    expect(first.commit).toBe(first.head);
    expect(fake.pull(1)!.head.ref).toBe(BRANCH);
    expect(fake.pull(1)!.requested).toEqual(['ada-example', 'grace-example']);
    const text = fake.fileAt(BRANCH, FILE)!.toString('utf8');
    expect(text).toContain('# Access review 2026-Q3\n');
    expect(text).toContain(
      [
        '## Findings (2)',
        '',
        '| Finding | Account | Person | Detail |',
        '| --- | --- | --- | --- |',
        '| No two-factor authentication | @grace-example | grace-hopper | @grace-example is a member of acme without two-factor authentication. |',
        '| Account nobody on the roster owns | @stranger | not on the roster | @stranger holds access (organisation member) but belongs to nobody on the roster. |',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '## Accounts (3)',
        '',
        '| Account | Person | Roles | Organisation role | Repository permissions | Two-factor |',
        '| --- | --- | --- | --- | --- | --- |',
        '| @ada-example | Ada Lovelace (ada-lovelace) | security-officer | admin | acme/program: admin | enabled |',
        '| @grace-example | Grace Hopper (grace-hopper) | engineer | member | acme/program: write | disabled |',
        '| @stranger | not on the roster |   | member |   | enabled |',
      ].join('\n'),
    );

    const writes = puts();
    const again = await review();
    expect(again).toMatchObject({ pull: { number: 1, created: false, updated: false }, commit: null, head: first.head, requested: [], alreadyRequested: ['ada-example', 'grace-example'] });
    expect(puts()).toBe(writes);
    expect(fake.pullNumbers()).toEqual([1]);

    org.members.set('newcomer', { role: 'member', twoFactor: true });
    expect((await capture(['access', 'collect'], { cwd: clone.dir, env, now: new Date('2026-10-03T06:17:00Z') })).code).toBe(0);
    const changed = await review('2026-10-03T07:00:00Z');
    expect(changed).toMatchObject({ pull: { number: 1, created: false }, requested: [] });
    expect(changed.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(changed.commit).not.toBe(first.head);
    expect(puts()).toBe(writes + 1);
    expect(fake.pullNumbers()).toEqual([1]);
    expect(fake.fileAt(BRANCH, FILE)!.toString('utf8')).toContain('| @newcomer | not on the roster |');
  });

  it('has no --base: access reviews are recorded only from pull requests against the default branch', async () => {
    const run = await capture(['access', 'review', '--period', '2026-Q3', '--base', 'compliance', '--format', 'json'], { cwd: clone.dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base');
    expect(fake.pullNumbers()).toEqual([]);
  });

  it("records the owner's approval at the final head as the sign-off, which meets the control's occurrence", async () => {
    const opened = await review();
    followHead(opened.head);
    expect((await occurrence('2026-Q3')).state).not.toBe('met');
    fake.addReview(1, { login: 'ada-example', state: 'APPROVED', commit_id: opened.head });
    const collect = await capture(['evidence', 'collect', '--pr', '1', '--format', 'json'], { cwd: clone.dir, env });
    expect(collect.code).toBe(0);
    const report = JSON.parse(collect.stdout);
    expect(report).toMatchObject({ kind: 'access-review-approval', appended: [{ id: `access-review-approval/acme/program/pr-1/${opened.head.slice(0, 12)}`, kind: 'access-review-approval' }] });
    const file = report.appended[0].file as string;
    const record = JSON.parse(await clone.git.show([`origin/evidence:${file}`]));
    expect(record.subject).toMatchObject({
      period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      control: 'AC-01',
      file: { path: FILE, commit: opened.head, sha256: sha256Hex(fake.fileAt(BRANCH, FILE)!) },
      required_approvers: ['security'],
      approvals: [{ reviewer: 'ada-example', person: 'ada-lovelace', state: 'APPROVED', commit_id: opened.head }],
      approved: true,
    });
    expect(record.provenance.api_calls.map((c: { route: string }) => c.route)).toContain('/repos/{owner}/{repo}/contents/{path}');
    const met = await occurrence('2026-Q3');
    expect(met).toMatchObject({ state: 'met', evidence: [`evidence:${file}`] });

    // Asking again leaves the signed-off review alone.
    const after = await capture(['access', 'review', '--period', '2026-Q3'], { cwd: clone.dir, env });
    expect(after.stdout).toMatch(/^Signed off by @ada-example: /);
    expect(fake.pullNumbers()).toEqual([1]);
  });

  it('an approval by someone other than the owner is an exception, and signs nothing off', async () => {
    const opened = await review();
    followHead(opened.head);
    const id = fake.addReview(1, { login: 'stranger', state: 'APPROVED', commit_id: opened.head });
    const collect = await capture(['evidence', 'collect', '--pr', '1', '--format', 'json'], { cwd: clone.dir, env });
    expect(collect.code).toBe(0);
    expect(JSON.parse(collect.stdout).appended.map((r: { id: string }) => r.id)).toEqual([`exception/acme/program/pr-1/not-control-owner/review-${id}`]);
    expect((await occurrence('2026-Q3')).state).not.toBe('met');
    const record = JSON.parse(await clone.git.show([`origin/evidence:${JSON.parse(collect.stdout).appended[0].file}`]));
    expect(record.subject).toMatchObject({ control: 'AC-01', reason: 'not-control-owner', reviews: [{ reviewer: 'stranger', person: null, review_id: id }] });
    expect(record.subject.detail).toBe('@stranger approved the access review of 2026-Q3, but only the owner of AC-01 (`security`) signs it off');
  });
});
