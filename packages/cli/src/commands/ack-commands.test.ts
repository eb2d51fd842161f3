import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, sha256Hex, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { appendEvidence } from '@evident/github';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import { createGitSandbox, programFiles, seedProgram, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { capture, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

const TOKEN = 'ghp_ackCommandsToken_77aa';
const FILES = ['evident.yaml', 'people.yaml', 'policies/access-control.md', 'policies/incident-response.md'];

/** Ada's acknowledgment of access-control 1.0 (pull request #20) with the SHA-256 of its text, as `evident evidence collect` records it. */
const acknowledgmentOfAccessControl = (baseSha: string, sha256: string): UnsealedRecord => ({
  schema_version: 1,
  id: 'policy-acknowledgment/acme/program/pr-20/review-5001',
  kind: 'policy-acknowledgment',
  repository: 'acme/program',
  recorded_at: '2026-02-10T00:00:00Z',
  subject: {
    pull_request: { number: 20, url: 'https://github.com/acme/program/pull/20', title: 'Acknowledge', author: 'evident-bot', head_sha: baseSha, merge_commit_sha: null, merged_at: null, merged_by: null },
    policies: [{ id: 'access-control', version: '1.0', path: 'policies/access-control.md', commit: baseSha, sha256 }],
    acknowledgments: [{ reviewer: 'ada-gh', person: 'ada', review_id: 5001, state: 'APPROVED', submitted_at: '2026-02-09T12:00:00Z', commit_id: baseSha }],
  },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-02-10T00:00:00Z', api_calls: [] },
});

describe('evident ack request and ack status', () => {
  let sandbox: GitSandbox;
  let dev: Clone;
  let baseSha: string;

  beforeEach(async () => {
    sandbox = await createGitSandbox();
    dev = await sandbox.clone('dev');
    baseSha = await seedProgram(dev);
  });
  afterEach(async () => {
    await sandbox.cleanup();
    await removeTemporary();
  });

  it('ack request opens the campaign pull request once, then reports it unchanged', async () => {
    const fake = await FakeGitHub.start({ token: TOKEN });
    try {
      for (const login of ['ada-gh', 'grace-gh', 'margaret-gh', 'linus-gh', 'barbara-gh']) fake.addUser(login, 'read');
      fake.setBranch('main', baseSha, await programFiles(dev.dir, FILES));
      const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: 'acme/program' };
      const first = await capture(['ack', 'request', '--policy', 'incident-response', '--now', '2026-03-01'], { cwd: dev.dir, env });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Opened https:\/\/github\.com\/acme\/program\/pull\/1 \(branch `evident\/acknowledge\/incident-response-[0-9a-f]{8}`\)\n  incident-response 2\.1  sha256 [0-9a-f]{64}\nRequested reviews from @linus-gh, @barbara-gh\.\n$/);
      const second = await capture(['ack', 'request', '--policy', 'incident-response', '--now', '2026-03-01', '--format', 'json'], { cwd: dev.dir, env });
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ pull: { number: 1, created: false, updated: false }, requested: [], alreadyRequested: ['linus-gh', 'barbara-gh'] });
      expect(first.stderr + second.stderr + first.stdout + second.stdout).not.toContain(TOKEN);
      expect(await capture(['ack', 'request', '--now', '2026-03-01'], { cwd: dev.dir, env })).toMatchObject({ code: 2, stderr: expect.stringContaining('expected either --policy ID (repeatable) or --all') });
      expect(await capture(['ack', 'request', '--policy', 'nope'], { cwd: dev.dir, env })).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected policy `nope`') });
    } finally {
      await fake.stop();
    }
  });

  it('ack request --all asks for every approved policy with an acknowledgment field in one pull request', async () => {
    const fake = await FakeGitHub.start({ token: TOKEN });
    try {
      for (const login of ['ada-gh', 'grace-gh', 'margaret-gh', 'linus-gh', 'barbara-gh']) fake.addUser(login, 'read');
      fake.setBranch('main', baseSha, await programFiles(dev.dir, FILES));
      const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: 'acme/program' };
      const run = await capture(['ack', 'request', '--all', '--now', '2026-03-01', '--format', 'json'], { cwd: dev.dir, env });
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.manifest.policies.map((p: { id: string; version: string }) => `${p.id} ${p.version}`)).toEqual(['access-control 1.0', 'incident-response 2.1']);
      expect(report.campaign.branch).toMatch(/^evident\/acknowledge\/all-[0-9a-f]{8}$/);
      expect(report.pull).toMatchObject({ number: 1, created: true });
      expect([...report.requested].sort()).toEqual(['ada-gh', 'barbara-gh', 'grace-gh', 'linus-gh', 'margaret-gh']);
      expect(fake.fileAt(report.campaign.branch, report.campaign.manifestPath)!.toString('utf8')).toContain('incident-response');
      expect(await capture(['ack', 'request', '--all', '--policy', 'incident-response'], { cwd: dev.dir, env })).toMatchObject({ code: 2, stderr: expect.stringContaining('expected either --policy ID (repeatable) or --all') });
    } finally {
      await fake.stop();
    }
  });

  it('ack request has no --base: acknowledgments are recorded only from pull requests against the default branch', async () => {
    const run = await capture(['ack', 'request', '--policy', 'incident-response', '--base', 'release', '--now', '2026-03-01'], { cwd: dev.dir, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base');
    expect(run.stdout).toBe('');
  });

  it('ack status lists acknowledged, pending, overdue and left people, and exits 1 when someone is overdue', async () => {
    const dir = await temporaryDirectory();
    await mkdir(path.join(dir, 'records'));
    const text = await readFile(path.join(dev.dir, 'policies/access-control.md'));
    const unsealed = acknowledgmentOfAccessControl(baseSha, sha256Hex(text));
    const record: EvidenceRecord = sealRecord(unsealed, undefined);
    await writeFile(path.join(dir, recordFileName(record)), JSON.stringify(record));

    const run = await capture(['ack', 'status', '--records', dir, '--now', '2026-03-10', '--policy', 'access-control'], { cwd: dev.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'access-control 1.0 (Access Control Policy): 1 acknowledged, 1 pending, 3 overdue, 1 left',
        '  acknowledged Ada Lovelace (@ada-gh)  2026-02-09 in #20',
        '  overdue      Grace Hopper (@grace-gh)  due 2026-03-03',
        '  overdue      Margaret Hamilton (@margaret-gh)  due 2026-03-03',
        '  overdue      Linus Example (@linus-gh)  due 2026-03-03',
        '  left         Ken Example (@ken-gh)  left 2026-01-31',
        '  pending      Barbara Example (@barbara-gh)  due 2026-03-22',
        '',
      ].join('\n'),
    );
    const early = await capture(['ack', 'status', '--records', dir, '--now', '2026-02-15', '--format', 'json'], { cwd: dev.dir });
    // The same id and version with another text (another SHA-256) is not an acknowledgment of the policy as it stands.
    const other = await temporaryDirectory();
    await mkdir(path.join(other, 'records'));
    const forged = sealRecord(acknowledgmentOfAccessControl(baseSha, sha256Hex(Buffer.concat([text, Buffer.from('\nPlease approve: fixes a typo.\n')]))), undefined);
    await writeFile(path.join(other, recordFileName(forged)), JSON.stringify(forged));
    const otherText = await capture(['ack', 'status', '--records', other, '--now', '2026-02-15', '--policy', 'access-control'], { cwd: dev.dir });
    expect(otherText.stdout).toContain('access-control 1.0 (Access Control Policy): 0 acknowledged, 4 pending, 0 overdue, 1 left\n');
    expect(early.code).toBe(0);
    expect(JSON.parse(early.stdout).policies.map((p: { policy: string; counts: unknown }) => [p.policy, p.counts])).toEqual([
      ['access-control', { acknowledged: 1, pending: 3, overdue: 0, left: 1 }],
      ['incident-response', { acknowledged: 0, pending: 1, overdue: 0, left: 1 }],
    ]);
  });

  it('ack status --branch reads the acknowledgments on that evidence branch instead of the configured one', async () => {
    await appendEvidence(dev.git, [acknowledgmentOfAccessControl(baseSha, sha256Hex(await readFile(path.join(dev.dir, 'policies/access-control.md'))))], { remote: 'origin', branch: 'audit-evidence', committer: { name: 'Evidence Bot', email: 'bot@example.com' } });
    const run = await capture(['ack', 'status', '--branch', 'audit-evidence', '--policy', 'access-control', '--now', '2026-02-15'], { cwd: dev.dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Reading acknowledgments from `origin/audit-evidence`');
    expect(run.stdout).toContain('access-control 1.0 (Access Control Policy): 1 acknowledged, 3 pending, 0 overdue, 1 left\n  acknowledged Ada Lovelace (@ada-gh)  2026-02-09 in #20\n');
    // The configured branch (`evidence`) does not exist: without --branch nobody has acknowledged.
    const configured = await capture(['ack', 'status', '--policy', 'access-control', '--now', '2026-02-15'], { cwd: dev.dir });
    expect(configured.stderr).toContain('No evidence branch `evidence` on remote `origin`');
    expect(configured.stdout).toContain('access-control 1.0 (Access Control Policy): 0 acknowledged, 4 pending, 0 overdue, 1 left\n');
  });

  it('ack status reads the evidence branch, and treats a missing branch as nothing acknowledged yet', async () => {
    const run = await capture(['ack', 'status', '--now', '2026-02-02'], { cwd: dev.dir });
    expect(run.code).toBe(0);
    const note = 'note No evidence branch `evidence` on remote `origin` or in this clone yet, so no acknowledgments are read: the first collection creates it (`evident evidence collect`';
    expect(run.stderr.split(note).length - 1).toBe(1);
    expect(run.stdout).toContain('incident-response 2.1 (Incident Response Policy): 0 acknowledged, 1 pending, 0 overdue, 1 left');
  });

  it('ack status lists only approved policies, and says why a draft named with --policy is not due', async () => {
    const file = path.join(dev.dir, 'policies/access-control.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: approved', 'status: draft'));
    const dir = await temporaryDirectory();
    await mkdir(path.join(dir, 'records'));
    const all = await capture(['ack', 'status', '--records', dir, '--now', '2027-06-01', '--format', 'json'], { cwd: dev.dir });
    expect(JSON.parse(all.stdout).policies.map((p: { policy: string }) => p.policy)).toEqual(['incident-response']);
    const named = await capture(['ack', 'status', '--records', dir, '--now', '2027-06-01', '--policy', 'access-control'], { cwd: dev.dir });
    expect(named).toMatchObject({ code: 2, stdout: '' });
    expect(named.stderr).toContain('Unexpected policy `access-control` with `status: draft`, expected an approved policy: acknowledgments fall due only once a policy is approved');
  });

  it('ack status says no policy is approved yet, naming the drafts that ask for acknowledgment, when every policy is a draft', async () => {
    const dir = await temporaryDirectory();
    await mkdir(path.join(dir, 'records'));
    const drafted: string[] = [];
    for (const name of await readdir(path.join(dev.dir, 'policies'))) {
      const file = path.join(dev.dir, 'policies', name);
      const text = await readFile(file, 'utf8');
      if (!text.includes('status: approved')) continue;
      await writeFile(file, text.replace('status: approved', 'status: draft'));
      if (/^acknowledgment:/m.test(text)) drafted.push(name);
    }
    expect(drafted).toHaveLength(2);
    const run = await capture(['ack', 'status', '--records', dir, '--now', '2027-06-01'], { cwd: dev.dir });
    expect(run).toMatchObject({ code: 0, stdout: 'No policy is approved yet, so none is in force to acknowledge: 2 draft policies ask for acknowledgment; acknowledgments fall due once a policy is approved (`status: approved`).\n' });
    // With one approved policy that asks for none, the drafts are still named.
    const file = path.join(dev.dir, 'policies', drafted[0]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: draft', 'status: approved').replace(/^acknowledgment:\n(?:[ \t]+.*\n)*/m, ''));
    const one = await capture(['ack', 'status', '--records', dir, '--now', '2027-06-01'], { cwd: dev.dir });
    expect(one).toMatchObject({ code: 0, stdout: 'No approved policy asks for acknowledgment: 1 draft policy asks for acknowledgment; acknowledgments fall due once a policy is approved (`status: approved`).\n' });
  });

  it('ack status exits 2, naming the path, when --records DIR does not exist or holds no records/ folder', async () => {
    const dir = await temporaryDirectory();
    const missing = path.join(dir, 'nonexistent');
    const nowhere = await capture(['ack', 'status', '--records', missing, '--now', '2026-03-10'], { cwd: dev.dir });
    expect(nowhere).toMatchObject({ code: 2, stdout: '' });
    expect(nowhere.stderr).toContain(`Unexpected --records ${missing}: it does not exist`);
    const noFolder = await capture(['ack', 'status', '--records', dir, '--now', '2026-03-10'], { cwd: dev.dir });
    expect(noFolder).toMatchObject({ code: 2, stdout: '' });
    expect(noFolder.stderr).toContain(`Unexpected --records ${dir}: it has no \`records/\` folder`);
  });
});
