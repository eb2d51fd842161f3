import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, type EvidenceRecord } from '@evident/core';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { remoteTip, seedEvidence, tamperer, testRecord, testRecordFile } from '../../../github/test/evidence-branch.js';
import type { Clone } from '../../../github/test/git-sandbox.js';
import { mergedPolicyChangeTemplate, type PolicyScenario } from '../../../github/test/pull-request-scenario.js';
import { capture } from '../test-support/capture-run.js';

const POLICY = 'policies/access-control.md';

/** Every regular file under a directory, as text (binary files included: a token would still show). */
async function allFileText(dir: string): Promise<string> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(path.join(entry.parentPath, entry.name), 'latin1'));
  }
  return out.join('\n');
}

describe('evident evidence collect and evidence verify', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let headSha: string;
  let env: Record<string, string>;

  /** Made once per file: the policy change on `change-access`, pushed and merged into main, and a runner clone. */
  const scenario = mergedPolicyChangeTemplate(POLICY, '1.1', 'Shared accounts are forbidden.');

  beforeEach(async () => {
    const started = await scenario();
    s = started.s;
    headSha = started.state.headSha;
    s.fake.addPull({ number: 7, title: 'Access control 1.1', author: 'linus-gh', head: { ref: 'change-access', sha: headSha }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: started.state.mergeSha }, files: [{ filename: POLICY, status: 'modified' }] });
    runner = s.sandbox.open('runner');
    env = { GITHUB_TOKEN: s.token, GITHUB_API_URL: s.fake.baseUrl, GITHUB_REPOSITORY: 'acme/program', EVIDENT_GITHUB_RETRIES: '2', EVIDENT_GITHUB_RETRY_DELAY_MS: '1' };
  });
  afterEach(async () => s.cleanup());

  it('records the approval, verifies the chain, and never writes the token anywhere', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    s.fake.addReview(7, { login: 'margaret-gh', state: 'APPROVED', commit_id: headSha });
    const collect = await capture(['evidence', 'collect', '--pr', '7', '--format', 'json'], { cwd: runner.dir, env });
    expect(collect.code).toBe(0);
    const report = JSON.parse(collect.stdout);
    expect(report).toMatchObject({ repository: 'acme/program', pull_request: 7, kind: 'policy-approval', skipped: [], unapproved: [], appended: [{ file: 'records/000001-policy-approval-acme-program-pr-7.json', id: 'policy-approval/acme/program/pr-7', kind: 'policy-approval', sequence: 1 }] });
    expect(collect.stderr).toContain('Reading pull request #7 of acme/program from GitHub');
    expect(collect.stderr).toContain('Appending 1 record to evidence branch `evidence`');

    const again = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env });
    expect(again).toMatchObject({ code: 0, stdout: 'Pull request #7: policy approval\n  skipped  policy-approval/acme/program/pr-7 (already recorded)\nNothing new: every record was already on the evidence branch.\n' });

    const verify = await capture(['evidence', 'verify'], { cwd: runner.dir, env: {} });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok 1 evidence record on `refs\/remotes\/origin\/evidence` \([0-9a-f]{12}\): the chain and its history are intact; head [0-9a-f]{64}\.\n$/);

    expect(s.fake.requests.length).toBeGreaterThan(0);
    expect(s.fake.requests.every((r) => r.authorized)).toBe(true); // the token was used...
    const bare = simpleGit(s.sandbox.remote);
    const everything = [
      collect.stdout, collect.stderr, again.stdout, again.stderr, verify.stdout, verify.stderr,
      await bare.raw(['log', '-p', '--format=%H%n%an <%ae>%n%B', 'refs/heads/evidence']),
      await allFileText(s.sandbox.dir),
    ].join('\n');
    expect(everything).toContain('policy-approval/acme/program/pr-7');
    expect(everything).not.toContain(s.token); // ...and written nowhere
  });

  it('--branch appends to the named evidence branch, and collecting again reads that branch', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    s.fake.addReview(7, { login: 'margaret-gh', state: 'APPROVED', commit_id: headSha });
    const collect = await capture(['evidence', 'collect', '--pr', '7', '--branch', 'audit-evidence', '--format', 'json'], { cwd: runner.dir, env });
    expect(collect.code).toBe(0);
    expect(collect.stderr).toContain('Appending 1 record to evidence branch `audit-evidence`');
    const file = 'records/000001-policy-approval-acme-program-pr-7.json';
    expect(JSON.parse(collect.stdout)).toMatchObject({ appended: [{ file, id: 'policy-approval/acme/program/pr-7' }] });
    const bare = simpleGit(s.sandbox.remote);
    expect(JSON.parse(await bare.show([`refs/heads/audit-evidence:${file}`]))).toMatchObject({ id: 'policy-approval/acme/program/pr-7', sequence: 1 });
    expect(await remoteTip(s.sandbox)).toBe(''); // nothing on `evidence`
    const again = await capture(['evidence', 'collect', '--pr', '7', '--branch', 'audit-evidence', '--format', 'json'], { cwd: runner.dir, env });
    expect(JSON.parse(again.stdout)).toMatchObject({ appended: [], skipped: ['policy-approval/acme/program/pr-7'] });
    expect(await remoteTip(s.sandbox)).toBe('');
  });

  it('exits 1 when a record already on the branch under its id says otherwise, after recording a conflicting-record exception', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    s.fake.addReview(7, { login: 'margaret-gh', state: 'APPROVED', commit_id: headSha });
    // Someone with push access writes the collector's id first, with a decision of their own.
    await seedEvidence(runner, s.sandbox, 1);
    const mallory = await tamperer(s.sandbox);
    const first = await mallory.read(testRecordFile(1));
    const forged = sealRecord({
      schema_version: 1, id: 'policy-approval/acme/program/pr-7', kind: 'policy-approval', repository: 'acme/program', recorded_at: '2026-03-02T09:30:00Z',
      subject: { pull_request: { number: 7, url: 'https://github.com/acme/program/pull/7', title: 'Access control 1.1', author: 'linus-gh', head_sha: headSha, merge_commit_sha: null, merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh' }, policies: [{ id: 'access-control', version: '1.1', path: POLICY, commit: headSha, sha256: 'a'.repeat(64), change: 'modified', required_approvers: [], approvals: [], approved: true }] },
      provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-02T09:30:00Z', api_calls: [] },
    }, first as EvidenceRecord);
    await mallory.write(recordFileName(forged), forged);
    await mallory.push('Add 1 evidence record');

    const run = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}added {4}records\/000003-exception-acme-program-pr-7-conflicting-record-[0-9a-f]{12}\.json \(conflicting-record\)$/m);
    expect(run.stdout).toContain('  conflict policy-approval/acme/program/pr-7: record 2 (records/000002-policy-approval-acme-program-pr-7.json) on the evidence branch says otherwise in ');
    expect(run.stdout).toContain('Records already on the evidence branch contradict what GitHub says: see the conflicting-record exceptions.\n');
  });

  it('exits 1 when a merged policy lacks a required approval, after recording the exception', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    const run = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout.replace(/[0-9a-f]{40}/, 'COMMIT')).toBe(
      [
        'Pull request #7: policy approval',
        '  added    records/000001-policy-approval-acme-program-pr-7.json',
        '  added    records/000002-exception-acme-program-pr-7-missing-approver-access-control-margaret.json (missing-approver)',
        'Evidence commit COMMIT.',
        'Policy `access-control` was merged without every required approval: see the exception records.',
        '',
      ].join('\n'),
    );
  });

  it('when GitHub keeps failing: exit 2, a clear message, no record and no token', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    s.fake.injectFault({ path: /\/pulls\/7\/reviews$/, times: 100, response: { status: 502, message: 'Bad Gateway' } });
    const run = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('retry GitHub answered HTTP 502 for `GET /repos/acme/program/pulls/7/reviews?per_page=100`');
    expect(run.stderr).toContain('error GitHub API `GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews` failed with HTTP 502: Bad Gateway\nNo evidence record was written.\n');
    expect(run.stderr).not.toContain(s.token);
    expect(s.fake.requests.filter((r) => r.url.includes('/reviews'))).toHaveLength(3);
    expect((await simpleGit(s.sandbox.remote).raw(['branch', '--list', 'evidence'])).trim()).toBe('');
  });

  it('explains a missing token, a bad repository and a bad --pr (exit 2)', async () => {
    const { GITHUB_TOKEN: _token, ...withoutToken } = env;
    expect(await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env: withoutToken })).toMatchObject({ code: 2, stderr: expect.stringContaining('GITHUB_TOKEN is not set') });
    expect(await capture(['evidence', 'collect', '--pr', '7', '--repo', 'not a repo'], { cwd: runner.dir, env })).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected repository `not a repo`, expected OWNER/NAME') });
    expect(await capture(['evidence', 'collect', '--pr', 'seven'], { cwd: runner.dir, env })).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected --pr `seven`') });
    const help = await capture(['evidence', 'collect', '--help'], { cwd: runner.dir, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 recorded');
    expect(help.stdout).toContain('GITHUB_TOKEN');
  });

  it('evidence verify names a tampered record and the commit that changed it, and exits 1', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env });
    const editor = await s.sandbox.clone('editor');
    await editor.git.raw(['checkout', '--quiet', 'evidence']);
    const file = path.join(editor.dir, 'records/000001-policy-approval-acme-program-pr-7.json');
    await (await import('node:fs/promises')).writeFile(file, (await readFile(file, 'utf8')).replace('"approved": false', '"approved": true'));
    await editor.git.commit('Approve after all', ['-a']);
    await editor.git.push('origin', 'evidence');
    const commit = (await editor.git.revparse(['HEAD'])).trim();
    const verify = await capture(['evidence', 'verify', '--format', 'json'], { cwd: runner.dir, env: {} });
    expect(verify.code).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({ intact: false, records: 2, problems: [{ file: 'records/000001-policy-approval-acme-program-pr-7.json', problem: 'modified', commit, record: 'policy-approval/acme/program/pr-7' }] });
    const text = await capture(['evidence', 'verify'], { cwd: runner.dir, env: {} });
    expect(text.stdout).toContain(`modified       ${commit.slice(0, 12)} records/000001-policy-approval-acme-program-pr-7.json  Commit ${commit.slice(0, 12)} modified record \`policy-approval/acme/program/pr-7\``);
  });

  it('evidence collect refuses to append to a chain that fails verification: exit 2, the reason, nothing written', async () => {
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    const seeded = await seedEvidence(runner, s.sandbox, 3);
    const mallory = await tamperer(s.sandbox);
    await mallory.remove(testRecordFile(3));
    const deletion = await mallory.push('Drop record 3');
    const run = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error Unexpected evidence branch `evidence` on `origin` that fails verification with 1 problem, expected an intact chain to append to: nothing was appended (see `evident evidence verify`)\n');
    expect(run.stderr).toContain(`  deleted ${testRecordFile(3)} Commit ${deletion.slice(0, 12)} deleted record \`${testRecord(3).id}\``);
    expect(run.stderr).toContain('No evidence record was written.\n');
    expect(await remoteTip(s.sandbox)).toBe(deletion);
    expect(seeded).not.toBe(deletion);
  });

  it('evidence verify exits 2 when there is no evidence branch', async () => {
    const run = await capture(['evidence', 'verify'], { cwd: runner.dir, env: {} });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('No evidence branch `evidence` on remote `origin`') });
  });
});
