import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import { FakeOrganization } from '../../../github/test/fake-github/fake-organization.js';
import { commitAll, createGitSandbox, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { capture, coreFixture, removeTemporary } from '../test-support/capture-run.js';

const TOKEN = 'ghp_accessCli_9a8b7c6d';

describe('evident access collect and vulnerabilities collect against the fake GitHub', () => {
  let fake: FakeGitHub;
  let org: FakeOrganization;
  let sandbox: GitSandbox;
  let clone: Clone;
  let env: Record<string, string>;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    org = FakeOrganization.install(fake);
    env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: fake.repository, GIT_COMMITTER_NAME: 'Evidence Bot', GIT_COMMITTER_EMAIL: 'bot@example.com' };
    sandbox = await createGitSandbox();
    clone = await sandbox.clone('program');
    await cp(coreFixture('type2-readiness', 'ok'), clone.dir, { recursive: true });
    await appendFile(path.join(clone.dir, 'evident.yaml'), 'access:\n  admin_roles: [security-officer]\n');
    await commitAll(clone, 'Program');
    await clone.git.push('origin', 'main');
  });
  afterEach(async () => {
    await fake.stop();
    await sandbox.cleanup();
    await removeTemporary();
  });

  it('records the snapshot once a day, names what the roster does not explain, and status lists it', async () => {
    org.members.set('ada-example', { role: 'admin', twoFactor: true });
    org.members.set('grace-example', { role: 'admin', twoFactor: false });
    org.members.set('stranger', { role: 'member', twoFactor: true });
    org.collaborators.set('ada-example', 'admin');
    const run = await capture(['access', 'collect', '--strict'], { cwd: clone.dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'acme: 3 members (2 owners), 0 outside collaborators, 0 pending invitations (records/000001-access-snapshot-acme-2026-10-02.json)',
        'acme/program: 1 with access (1 admin), 0 deploy keys',
        '  no-two-factor       @grace-example is a member of acme without two-factor authentication.',
        '  unjustified-admin   Grace Hopper (grace-hopper) holds admin access (organisation owner) but none of their roles (engineer) is among the admin roles (security-officer).',
        '  unknown-account     @stranger holds access (organisation member) but belongs to nobody on the roster.',
        '',
      ].join('\n'),
    );
    const again = await capture(['access', 'collect', '--format', 'json'], { cwd: clone.dir, env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ version: 1, record: { id: 'access-snapshot/acme/2026-10-02', skipped: true, file: null }, written: true });

    const status = await capture(['status', '--now', '2027-01-20', '--evidence-branch', '--format', 'json'], { cwd: clone.dir, env });
    const ids = JSON.parse(status.stdout).exceptions.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['access-no-two-factor:acme:grace-example', 'access-unjustified-admin:acme:grace-example', 'access-unknown-account:acme:stranger']));
    expect(run.stderr).not.toContain(TOKEN);
  });

  it('snapshots the organisation named by --org instead of the repository owner', async () => {
    // The organisation `acme-people` owns no configured repository: only --org names it.
    await fake.stop();
    fake = await FakeGitHub.start({ token: TOKEN });
    org = FakeOrganization.install(fake, { org: 'acme-people' });
    env = { ...env, GITHUB_API_URL: fake.baseUrl };
    org.members.set('ada-example', { role: 'admin', twoFactor: true });
    org.members.set('grace-example', { role: 'member', twoFactor: true });
    const run = await capture(['access', 'collect', '--org', 'acme-people', '--format', 'json'], { cwd: clone.dir, env });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.record).toMatchObject({ id: 'access-snapshot/acme-people/2026-10-02', subject: { organization: 'acme-people' } });
    expect(report.record.subject.members.map((m: { login: string }) => m.login).sort()).toEqual(['ada-example', 'grace-example']);
    const orgPaths = fake.requests.map((r) => r.url.split('?')[0]!).filter((p) => p.startsWith('/orgs/'));
    expect(orgPaths).toContain('/orgs/acme-people/members');
    expect(orgPaths.filter((p) => !p.startsWith('/orgs/acme-people'))).toEqual([]);
  });

  it('records alerts past their remediation time and a missing permission as a limitation', async () => {
    const policy = path.join(clone.dir, 'policies/access-control.md');
    const text = await readFile(policy, 'utf8');
    await writeFile(policy, text.replace(/\n---\n/, '\nremediation_days: { critical: 7 }\n---\n'));
    await commitAll(clone, 'Remediation times');
    org.dependabotAlerts.push({ number: 7, state: 'open', severity: 'critical', package: 'lodash', created_at: '2026-09-01T00:00:00Z' });
    org.forbidden.add('code-scanning');
    const run = await capture(['vulnerabilities', 'collect', '--strict'], { cwd: clone.dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'acme/program: 1 open, 0 fixed, 0 dismissed, 1 past their remediation time (records/000001-vulnerability-alerts-acme-program-2026-10.json)',
        '  limitation  code scanning alerts of acme/program not visible to this token (HTTP 403: Code scanning is not enabled for this repository. Please enable code scanning in the repository settings.); GitHub accepts the permissions `security_events=read`',
        '  overdue     dependabot #7 critical npm:lodash GHSA-0007-abcd-efgh: opened 2026-09-01, due 2026-09-08, still open',
        '',
      ].join('\n'),
    );
    const status = await capture(['status', '--now', '2027-01-20', '--evidence-branch', '--format', 'json'], { cwd: clone.dir, env });
    expect(JSON.parse(status.stdout).exceptions.map((e: { id: string }) => e.id)).toContain('overdue-vulnerability:acme/program#dependabot-7');
  });

  it('documents itself', async () => {
    const help = await capture(['access', 'collect', '--help'], { cwd: clone.dir, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 recorded, 1 with --strict');
  });
});
