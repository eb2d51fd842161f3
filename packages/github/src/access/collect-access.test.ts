import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { reconcileAccess, type AccessSnapshotSubject, type Person } from '@evident/core';
import { FakeGitHub } from '../../test/fake-github/fake-github.js';
import { FakeOrganization } from '../../test/fake-github/fake-organization.js';
import { createEvidenceRecordValidator } from '../create-evidence-record-validator.js';
import { createOctokit, type GitHubClient } from '../create-octokit.js';
import { collectAccessSnapshot } from './collect-access-snapshot.js';
import { collectVulnerabilityAlerts } from './collect-vulnerability-alerts.js';

const TOKEN = 'ghp_accessToken_4d5e6f7a';
const now = () => new Date('2026-10-02T06:00:00Z');
const repository = { owner: 'acme', repo: 'program' };
const people: Person[] = [
  { id: 'ada', name: 'Ada Lovelace', github: 'ada-gh', email: 'a@example.com', roles: ['security-officer'], start_date: '2025-01-01' },
  { id: 'grace', name: 'Grace Hopper', github: 'grace-gh', email: 'g@example.com', roles: ['engineer'], start_date: '2025-01-01' },
  { id: 'linus', name: 'Linus Left', github: 'linus-gh', email: 'l@example.com', roles: ['engineer'], start_date: '2025-01-01', end_date: '2026-08-31' },
  ...Array.from({ length: 120 }, (_, i) => ({ id: `dev-${i}`, name: `Developer ${i}`, github: `dev-${String(i).padStart(3, '0')}`, email: `d${i}@example.com`, roles: ['engineer'], start_date: '2025-01-01' })),
];
const valid = (record: object) => createEvidenceRecordValidator()({ ...record, sequence: 1, previous_hash: null, hash: '0'.repeat(64) });

describe('access snapshot against the fake GitHub', () => {
  let fake: FakeGitHub;
  let org: FakeOrganization;
  let client: GitHubClient;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    org = FakeOrganization.install(fake);
    client = createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries: 2, retryBaseMs: 1, writeIntervalMs: 0 });
    org.members.set('ada-gh', { role: 'admin', twoFactor: true });
    org.members.set('grace-gh', { role: 'admin', twoFactor: false });
    org.members.set('linus-gh', { role: 'member', twoFactor: true });
    org.members.set('mallory', { role: 'member', twoFactor: true });
    for (let i = 0; i < 120; i += 1) org.members.set(`dev-${String(i).padStart(3, '0')}`, { role: 'member', twoFactor: true });
    org.outsideCollaborators.push('contractor-x');
    org.teams.push({ slug: 'security', name: 'Security', members: ['ada-gh', 'grace-gh'] });
    org.invitations.push({ login: 'newbie', email: null, role: 'direct_member' }, { login: null, email: 'someone@example.com', role: 'admin' });
    org.collaborators.set('ada-gh', 'admin');
    org.collaborators.set('contractor-x', 'write');
    org.collaborators.set('dev-000', 'triage');
    org.deployKeys.push({ id: 31, title: 'deploy bot', read_only: false });
  });
  afterEach(async () => fake.stop());

  it('records members and roles past 100, two-factor, teams, invitations, permissions and deploy keys, and reconciles them', async () => {
    fake.injectFault({ path: /\/orgs\/acme\/teams$/, times: 1, response: { status: 502, message: 'Bad gateway' } });
    const record = await collectAccessSnapshot(client, { repositories: [repository], now, toolVersion: '0.1.0' });
    const s = record.subject as AccessSnapshotSubject;
    expect(record).toMatchObject({ id: 'access-snapshot/acme/2026-10-02', kind: 'access-snapshot', repository: 'acme/program' });
    expect(s.organization).toBe('acme');
    expect(s.two_factor_requirement_enabled).toBe(true);
    expect(s.members).toHaveLength(124);
    expect(s.members!.filter((m) => m.role === 'admin').map((m) => m.login)).toEqual(['ada-gh', 'grace-gh']);
    expect(s.members!.filter((m) => m.two_factor_disabled).map((m) => m.login)).toEqual(['grace-gh']);
    expect(s.outside_collaborators).toEqual(['contractor-x']);
    expect(s.teams).toEqual([{ slug: 'security', name: 'Security', members: ['ada-gh', 'grace-gh'] }]);
    expect(s.pending_invitations).toEqual([
      { login: 'newbie', email: null, role: 'direct_member', created_at: '2026-09-20T08:00:00Z' },
      { login: null, email: 'someone@example.com', role: 'admin', created_at: '2026-09-20T08:00:00Z' },
    ]);
    expect(s.repositories).toEqual([
      {
        repository: 'acme/program',
        collaborators: [{ login: 'ada-gh', permission: 'admin' }, { login: 'contractor-x', permission: 'write' }, { login: 'dev-000', permission: 'triage' }],
        deploy_keys: [{ id: 31, title: 'deploy bot', read_only: false, created_at: '2026-01-05T10:00:00Z' }],
      },
    ]);
    expect(s.limitations).toEqual([]);
    expect(record.provenance.api_calls.filter((c) => c.path?.includes('role=all')).map((c) => c.path)).toEqual(['/orgs/acme/members?per_page=100&role=all', '/orgs/acme/members?per_page=100&role=all&page=2']);
    expect(record.provenance.api_calls.every((c) => c.status === 200)).toBe(true);
    expect(fake.requests.filter((r) => r.url === '/orgs/acme/teams?per_page=100')).toHaveLength(2);
    expect(valid(record)).toEqual([]);
    expect(fake.requests.every((r) => r.authorized && r.method === 'GET')).toBe(true);

    expect(reconcileAccess(s, people, { on: '2026-10-02', adminRoles: ['security-officer', 'cto'] }).map((f) => `${f.reason} ${f.login}`)).toEqual([
      'leaver-with-access linus-gh',
      'no-two-factor grace-gh',
      'unjustified-admin grace-gh',
      'unknown-account contractor-x',
      'unknown-account mallory',
    ]);
  });

  it('records what a token that is not an owner cannot see instead of failing', async () => {
    org.tokenIsOwner = false;
    org.forbidden.add('outside_collaborators').add('keys');
    const record = await collectAccessSnapshot(client, { repositories: [repository], now, toolVersion: '0.1.0' });
    const s = record.subject as AccessSnapshotSubject;
    expect(s.two_factor_requirement_enabled).toBeNull();
    expect(s.members!.every((m) => m.two_factor_disabled === null)).toBe(true);
    expect(s.outside_collaborators).toBeNull();
    expect(s.repositories[0]!.deploy_keys).toBeNull();
    expect(s.limitations).toEqual([
      { scope: 'two-factor-requirement', status: 200, detail: 'two-factor requirement not visible to this token (GitHub shows it to organisation owners only)' },
      { scope: 'two-factor', status: 422, detail: 'two-factor status not visible to this token (HTTP 422: Only owners can use this filter.)' },
      { scope: 'outside-collaborators', status: 403, detail: 'outside collaborators not visible to this token (HTTP 403: Resource not accessible by integration); GitHub accepts the permissions `members=read`' },
      { scope: 'deploy-keys acme/program', status: 403, detail: 'deploy keys of acme/program not visible to this token (HTTP 403: Resource not accessible by integration); GitHub accepts the permissions `administration=read`' },
    ]);
    expect(record.provenance.api_calls.map((c) => c.status)).toContain(422);
    expect(valid(record)).toEqual([]);
    expect(reconcileAccess(s, people, { on: '2026-10-02' }).map((f) => f.reason)).not.toContain('no-two-factor');
  });

  it('records an account that is not an organisation (or is hidden) as a limitation and still reads the repository', async () => {
    const record = await collectAccessSnapshot(client, { organization: 'elsewhere', repositories: [repository], now, toolVersion: '0.1.0' });
    const s = record.subject as AccessSnapshotSubject;
    expect(s).toMatchObject({ organization: null, members: null, teams: null, pending_invitations: null });
    expect(s.limitations.map((l) => [l.scope, l.status])).toEqual([['organization', 404]]);
    expect(s.repositories[0]!.collaborators).toHaveLength(3);
    expect(record.id).toBe('access-snapshot/acme/program/2026-10-02');
    expect(valid(record)).toEqual([]);
  });
});

describe('vulnerability alerts against the fake GitHub', () => {
  let fake: FakeGitHub;
  let org: FakeOrganization;
  let client: GitHubClient;
  const remediation = { policy: 'vulnerability-management', remediation_days: { critical: 7, high: 30, medium: 90, low: 180 } };
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    org = FakeOrganization.install(fake);
    client = createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries: 2, retryBaseMs: 1, writeIntervalMs: 0 });
  });
  afterEach(async () => fake.stop());

  it('follows the cursor past 100 alerts and rates each against the remediation times', async () => {
    for (let n = 1; n <= 130; n += 1) org.dependabotAlerts.push({ number: n, state: 'fixed', severity: 'low', package: `pkg-${n}`, created_at: '2026-09-01T00:00:00Z', fixed_at: '2026-09-05T00:00:00Z' });
    org.dependabotAlerts.push({ number: 131, state: 'open', severity: 'critical', package: 'lodash', created_at: '2026-09-20T12:00:00Z' });
    org.dependabotAlerts.push({ number: 132, state: 'fixed', severity: 'high', package: 'express', created_at: '2026-07-01T00:00:00Z', fixed_at: '2026-08-15T00:00:00Z' });
    org.dependabotAlerts.push({ number: 133, state: 'dismissed', severity: 'medium', package: 'yaml', created_at: '2026-09-01T00:00:00Z', dismissed_at: '2026-09-02T00:00:00Z' });
    org.codeScanningAlerts = [{ number: 4, state: 'open', security_severity_level: 'high', rule: 'js/sql-injection', created_at: '2026-09-25T00:00:00Z' }];
    const record = await collectVulnerabilityAlerts(client, { repository, remediation, now, toolVersion: '0.1.0' });
    const s = record.subject;
    expect(record.id).toBe('vulnerability-alerts/acme/program/2026-10');
    expect(s.alerts).toHaveLength(134);
    expect(s.totals).toEqual({ open: 2, fixed: 131, dismissed: 1, overdue: 2 });
    expect(s.alerts.filter((a) => a.overdue).map((a) => [a.source, a.number, a.severity, a.due_on, a.age_days, a.resolved_at])).toEqual([
      ['dependabot', 131, 'critical', '2026-09-27', 12, null],
      ['dependabot', 132, 'high', '2026-07-31', 45, '2026-08-15T00:00:00Z'],
    ]);
    expect(s.alerts.find((a) => a.source === 'code-scanning')).toMatchObject({ number: 4, severity: 'high', summary: 'js/sql-injection', due_on: '2026-10-25', overdue: false });
    const pages = record.provenance.api_calls.filter((c) => c.route.endsWith('/dependabot/alerts')).map((c) => c.path!);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toMatch(/after=/);
    expect(fake.requests.some((r) => /dependabot\/alerts\?(.*&)?page=/.test(r.url))).toBe(false);
    expect(s.limitations).toEqual([]);
    expect(valid(record)).toEqual([]);
  });

  it('records a token without alert access and code scanning that is not set up as limitations', async () => {
    org.forbidden.add('dependabot');
    const record = await collectVulnerabilityAlerts(client, { repository, now, toolVersion: '0.1.0' });
    expect(record.subject.alerts).toEqual([]);
    expect(record.subject.remediation_days).toBeNull();
    expect(record.subject.limitations).toEqual([
      { scope: 'dependabot acme/program', status: 403, detail: 'Dependabot alerts of acme/program not visible to this token (HTTP 403: Resource not accessible by integration); GitHub accepts the permissions `vulnerability_alerts=read`' },
      { scope: 'code-scanning acme/program', status: 404, detail: 'code scanning alerts of acme/program not visible to this token (HTTP 404: no analysis found)' },
    ]);
    expect(valid(record)).toEqual([]);
  });
});
