import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AccessReviewApprovalSubject, EvidenceRecord } from '@evident/core';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reseal } from '../../../github/test/evidence-branch.js';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import { commitAll, sandboxTemplate, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { commitAccessReviewProgram, programAccessReviewGitHub } from '../test-support/access-review-program.js';
import { capture, removeTemporary } from '../test-support/capture-run.js';

const TOKEN = 'ghp_verifyAccess_5c6d7e8f';
const CHECKED_AT = '2026-10-02T09:30:00.123Z';

type Forgery = (genuine: EvidenceRecord<AccessReviewApprovalSubject>) => EvidenceRecord;

describe('evident evidence verify cross-checks access evidence with GitHub, against the fake GitHub', () => {
  let fake: FakeGitHub;
  let sandbox: GitSandbox;
  let clone: Clone;
  let env: Record<string, string>;
  let head: string;
  let signOff: number;
  let changes: number;
  let approvalId: string;

  const environment = (server: FakeGitHub) => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.baseUrl, GITHUB_REPOSITORY: server.repository, GIT_COMMITTER_NAME: 'Evidence Bot', GIT_COMMITTER_EMAIL: 'bot@example.com', EVIDENT_GITHUB_RETRIES: '2', EVIDENT_GITHUB_RETRY_DELAY_MS: '1' });
  /** The program's organisation, with an open Dependabot alert. */
  const startGitHub = async (main: string) => {
    const server = await FakeGitHub.start({ token: TOKEN, tokenLogin: 'evident-bot' });
    programAccessReviewGitHub(server, main).dependabotAlerts.push({ number: 7, state: 'open', severity: 'high', package: 'lodash', created_at: '2026-09-01T00:00:00Z' });
    return server;
  };
  /** Made once per file: the program pushed, then the access snapshot and the alerts collected as the collectors write them. */
  const collected = sandboxTemplate(async (made) => {
    const { clone: program, main } = await commitAccessReviewProgram(made);
    const server = await startGitHub(main);
    try {
      expect((await capture(['access', 'collect'], { cwd: program.dir, env: environment(server) })).code).toBe(0);
      expect((await capture(['vulnerabilities', 'collect'], { cwd: program.dir, env: environment(server) })).code).toBe(0);
    } finally {
      await server.stop(); // fails when a request or response did not match GitHub's OpenAPI description
    }
    return { main };
  });

  beforeEach(async () => {
    let state: { main: string };
    ({ sandbox, state } = await collected());
    fake = await startGitHub(state.main);
    env = environment(fake);
    clone = sandbox.open('program');
    // Every record is written as the collectors write it: the snapshot, the alerts (both in the copy), then the sign-off.
    const review = await capture(['access', 'review', '--period', '2026-Q3', '--format', 'json'], { cwd: clone.dir, env });
    expect(review.code).toBe(0);
    head = JSON.parse(review.stdout).head;
    fake.pull(1)!.head.sha = head; // GitHub moves a pull request's head with its branch; the fake keeps the one it was opened with
    changes = fake.addReview(1, { login: 'stranger', state: 'CHANGES_REQUESTED', commit_id: head });
    signOff = fake.addReview(1, { login: 'ada-example', state: 'APPROVED', commit_id: head });
    const collect = await capture(['evidence', 'collect', '--pr', '1', '--format', 'json'], { cwd: clone.dir, env });
    expect(collect.code).toBe(0);
    approvalId = `access-review-approval/acme/program/pr-1/${head.slice(0, 12)}`;
    expect(JSON.parse(collect.stdout).appended.map((r: { id: string }) => r.id)).toEqual([approvalId, `exception/acme/program/pr-1/changes-requested/review-${changes}`]);
  });
  afterEach(async () => {
    await fake.stop(); // fails when a request or response did not match GitHub's OpenAPI description
    await sandbox.cleanup();
    await removeTemporary();
  });

  const verify = async (args: string[]) => {
    const run = await capture(['evidence', 'verify', '--github', ...args], { cwd: clone.dir, env });
    return { ...run, report: args.includes('json') ? JSON.parse(run.stdout) : undefined };
  };

  /** Append well-formed sign-offs, sealed as the collector would, in one commit by someone with push access. */
  async function appendForged(forgeries: Forgery[]): Promise<void> {
    const mallory = await sandbox.clone('mallory');
    // `-B`: the program's `evidence/` folder makes a bare `evidence` ambiguous.
    await mallory.git.raw(['checkout', '--quiet', '-B', 'evidence', 'origin/evidence']);
    const read = async (file: string) => JSON.parse(await readFile(path.join(mallory.dir, 'records', file), 'utf8')) as EvidenceRecord;
    const files = (await readdir(path.join(mallory.dir, 'records'))).filter((f) => !f.endsWith('.sig.json')).sort();
    const genuine = (await read(files.find((f) => f.includes('access-review-approval'))!)) as EvidenceRecord<AccessReviewApprovalSubject>;
    let last = await read(files.at(-1)!);
    for (const forge of forgeries) {
      const sequence = last.sequence + 1;
      last = reseal({ ...forge(structuredClone(genuine)), sequence, previous_hash: last.hash });
      await writeFile(path.join(mallory.dir, 'records', `${String(sequence).padStart(6, '0')}-${last.id.replace(/[^a-z0-9]+/g, '-')}.json`), JSON.stringify(last, null, 2) + '\n');
    }
    await commitAll(mallory, 'Add evidence records');
    await mallory.git.raw(['push', '--quiet', 'origin', 'evidence']);
  }

  it('confirms the genuine sign-off and its exception, lists the access snapshot and the alerts as not checked, and exits 0', async () => {
    fake.requests.length = 0;
    const { code, report } = await verify(['--format', 'json']);
    expect(code).toBe(0);
    expect(report).toMatchObject({ records: 4, intact: true, problems: [] });
    expect(report.github_cross_check).toMatchObject({ ran: true, confirmed: 2, not_confirmed: 0, not_checked: 2 });
    expect(report.github_cross_check.records).toEqual([
      { record: 'access-snapshot/acme/2026-10-02', kind: 'access-snapshot', outcome: 'not-checked', reasons: ['Record `access-snapshot/acme/2026-10-02` holds who had access (members, collaborators, teams, invitations, deploy keys) on one day, which GitHub does not keep: not cross-checked'] },
      { record: 'vulnerability-alerts/acme/program/2026-10', kind: 'vulnerability-alerts', outcome: 'not-checked', reasons: ['Record `vulnerability-alerts/acme/program/2026-10` holds vulnerability alerts and their states as they stood on one day; GitHub keeps only their current state: not cross-checked'] },
      { record: approvalId, kind: 'access-review-approval', outcome: 'confirmed', reasons: [] },
      { record: `exception/acme/program/pr-1/changes-requested/review-${changes}`, kind: 'exception', outcome: 'confirmed', reasons: [] },
    ]);
    // The reviews are read, and the review file at the approved commit (which git does not have) through the contents API.
    const urls = fake.requests.map((r) => r.url);
    expect(urls).toEqual(['/repos/acme/program', '/repos/acme/program/pulls/1', '/repos/acme/program/pulls/1/reviews?per_page=100', `/repos/acme/program/contents/access-reviews%2F2026-Q3.md?ref=${head}`]);

    const text = await verify([]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(1)).toEqual([
      'not checked    Record `access-snapshot/acme/2026-10-02` holds who had access (members, collaborators, teams, invitations, deploy keys) on one day, which GitHub does not keep: not cross-checked',
      'not checked    Record `vulnerability-alerts/acme/program/2026-10` holds vulnerability alerts and their states as they stood on one day; GitHub keeps only their current state: not cross-checked',
      `ok GitHub cross-check of 4 records with \`acme/program\` at ${fake.baseUrl} (${CHECKED_AT}): 2 confirmed, 0 not confirmed, 2 not checked.`,
      '',
    ]);
  });

  it('names each forged sign-off with what GitHub says instead, and exits 1', async () => {
    const other = 'd'.repeat(40);
    const approval = (edit: (a: AccessReviewApprovalSubject['approvals'][number]) => void): Forgery => (genuine) => {
      edit(genuine.subject.approvals[0]!);
      return genuine;
    };
    const submitted = (id: number) => fake.pull(1)!.reviews.find((r) => r.id === id)!.submitted_at;
    await appendForged([
      approval((a) => void (a.review_id = 999999)),
      approval((a) => void Object.assign(a, { reviewer: 'grace-example', person: 'grace-hopper' })),
      approval((a) => void Object.assign(a, { reviewer: 'stranger', person: null, review_id: changes, submitted_at: submitted(changes) })),
      approval((a) => void (a.commit_id = other)),
    ]);
    const { code, report } = await verify(['--format', 'json']);
    expect(code).toBe(1);
    expect(report).toMatchObject({ records: 8, intact: true, problems: [] });
    expect(report.github_cross_check).toMatchObject({ confirmed: 2, not_confirmed: 4, not_checked: 2 });
    const h = head.slice(0, 12);
    const repeats = (sequence: number) => `Record \`${approvalId}\` (sequence ${sequence}) repeats the id of record 3, expected each id once: the collector skips what it has recorded`;
    const says = (id: number, login: string, at = h) => `Record \`${approvalId}\` says review ${id} by \`${login}\` approved at \`${at}\``;
    expect(report.github_cross_check.records.slice(4).map((r: { outcome: string; reasons: string[] }) => [r.outcome, r.reasons])).toEqual([
      ['not-confirmed', [repeats(5), `${says(999999, 'ada-example')}; GitHub has no review 999999 on pull request 1`]],
      ['not-confirmed', [repeats(6), `${says(signOff, 'grace-example')}; GitHub says review ${signOff} on pull request 1 is by \`ada-example\``]],
      ['not-confirmed', [repeats(7), `${says(changes, 'stranger')}; GitHub says review ${changes} on pull request 1 is \`CHANGES_REQUESTED\``]],
      [
        'not-confirmed',
        [
          repeats(8),
          `Record \`${approvalId}\` counts review ${signOff} by \`ada-example\` as the sign-off of commit \`${h}\`, but names it on commit \`${other.slice(0, 12)}\``,
          `${says(signOff, 'ada-example', other.slice(0, 12))}; GitHub says review ${signOff} on pull request 1 is on commit \`${h}\``,
        ],
      ],
    ]);
  });
});
