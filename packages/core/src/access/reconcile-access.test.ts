import { describe, expect, it } from '@jest/globals';
import { checkRoot, fixture } from '../../test/check-fixture.js';
import type { AccessReviewApprovalSubject, AccessSnapshotSubject, VulnerabilityAlertsSubject } from '../evidence/access-subjects.js';
import { sealRecord } from '../evidence/evidence-chain.js';
import type { EvidenceKind, EvidenceRecord } from '../evidence/evidence-record.js';
import type { Person, Policy } from '../model/types.js';
import { computeReadiness } from '../status/compute-readiness.js';
import { accessRows } from './access-rows.js';
import { reconcileAccess } from './reconcile-access.js';
import { remediationDeadline, remediationPolicy } from './remediation-deadline.js';

const people: Person[] = [
  { id: 'ada', name: 'Ada Lovelace', github: 'Ada-GH', email: 'a@example.com', roles: ['security-officer'], start_date: '2025-01-01' },
  { id: 'grace', name: 'Grace Hopper', github: 'grace-gh', email: 'g@example.com', roles: ['engineer'], start_date: '2025-01-01' },
  { id: 'linus', name: 'Linus Left', github: 'linus-gh', email: 'l@example.com', roles: ['engineer'], start_date: '2025-01-01', end_date: '2026-08-31' },
];

export function snapshot(extra: Partial<AccessSnapshotSubject> = {}): AccessSnapshotSubject {
  return {
    organization: 'acme',
    two_factor_requirement_enabled: false,
    members: [
      { login: 'ada-gh', role: 'admin', two_factor_disabled: false },
      { login: 'grace-gh', role: 'admin', two_factor_disabled: true },
      { login: 'linus-gh', role: 'member', two_factor_disabled: false },
      { login: 'mallory', role: 'member', two_factor_disabled: false },
    ],
    outside_collaborators: ['contractor-x'],
    teams: [{ slug: 'security', name: 'Security', members: ['ada-gh'] }],
    pending_invitations: [{ login: 'newbie', email: null, role: 'direct_member', created_at: '2026-09-01T00:00:00Z' }],
    repositories: [{ repository: 'acme/program', collaborators: [{ login: 'ada-gh', permission: 'admin' }, { login: 'contractor-x', permission: 'write' }], deploy_keys: [] }],
    limitations: [],
    ...extra,
  };
}

describe('reconciling access with the roster', () => {
  it('names leavers, unknown accounts, admins without a justifying role and members without two-factor', () => {
    const found = reconcileAccess(snapshot(), people, { on: '2026-09-15', adminRoles: ['security-officer', 'cto'] });
    expect(found.map((f) => [f.reason, f.login, f.person])).toEqual([
      ['leaver-with-access', 'linus-gh', 'linus'],
      ['no-two-factor', 'grace-gh', 'grace'],
      ['unjustified-admin', 'grace-gh', 'grace'],
      ['unknown-account', 'contractor-x', null],
      ['unknown-account', 'mallory', null],
    ]);
    expect(found[0]!.detail).toBe('Linus Left (linus) left on 2026-08-31 but @linus-gh still holds access (organisation member) on 2026-09-15.');
    expect(found[2]!.detail).toBe('Grace Hopper (grace) holds admin access (organisation owner) but none of their roles (engineer) is among the admin roles (security-officer, cto).');
    expect(found[3]!.access).toEqual(['outside collaborator', 'acme/program: write']);
  });

  it('does not reconcile admins without configured admin roles, nor two-factor it cannot see', () => {
    const hidden = snapshot({ members: snapshot().members!.map((m) => ({ ...m, two_factor_disabled: null })) });
    expect(reconcileAccess(hidden, people, { on: '2026-08-31' }).map((f) => f.reason)).toEqual(['unknown-account', 'unknown-account']);
  });

  it('lists each account with its roster standing, role, two-factor, teams and repository permissions', () => {
    const rows = accessRows(snapshot(), people, '2026-09-15');
    expect(rows.map((r) => [r.login, r.roster, r.organization_role, r.two_factor, r.teams, r.repositories])).toEqual([
      ['ada-gh', 'active', 'admin', 'enabled', ['security'], ['acme/program: admin']],
      ['contractor-x', 'not on the roster', 'outside collaborator', '', [], ['acme/program: write']],
      ['grace-gh', 'active', 'admin', 'disabled', [], []],
      ['linus-gh', 'left 2026-08-31', 'member', 'enabled', [], []],
      ['mallory', 'not on the roster', 'member', 'enabled', [], []],
    ]);
  });
});

describe('remediation deadlines', () => {
  const days = { critical: 7, high: 30 };
  it('is overdue when open past its due date or resolved after it; a severity without a time never is', () => {
    expect(remediationDeadline({ severity: 'critical', created_at: '2026-09-01T10:00:00Z', resolved_at: null }, days, '2026-09-09')).toEqual({ due_on: '2026-09-08', age_days: 8, overdue: true });
    expect(remediationDeadline({ severity: 'critical', created_at: '2026-09-01T10:00:00Z', resolved_at: null }, days, '2026-09-08')).toEqual({ due_on: '2026-09-08', age_days: 7, overdue: false });
    expect(remediationDeadline({ severity: 'high', created_at: '2026-07-01T00:00:00Z', resolved_at: '2026-08-15T00:00:00Z' }, days, '2026-10-01')).toEqual({ due_on: '2026-07-31', age_days: 45, overdue: true });
    expect(remediationDeadline({ severity: 'low', created_at: '2026-01-01T00:00:00Z', resolved_at: null }, days, '2026-10-01')).toMatchObject({ due_on: null, overdue: false });
    expect(remediationDeadline({ severity: null, created_at: '2026-01-01T00:00:00Z', resolved_at: null }, null, '2026-10-01')).toMatchObject({ due_on: null, overdue: false });
  });

  it('takes the remediation times from the policy that sets them', () => {
    const policy = (id: string, extra: object = {}) => ({ id, owner: 'ada', status: 'approved', ...extra }) as unknown as Policy;
    expect(remediationPolicy([policy('access-control'), policy('vulnerability-management', { remediation_days: days })])).toEqual({ policy: 'vulnerability-management', owner: 'ada', remediation_days: days });
    expect(remediationPolicy([policy('access-control')])).toBeUndefined();
  });
});

function chain(entries: { kind: EvidenceKind; subject: unknown; recorded_at: string }[]): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  entries.forEach((e, i) => out.push(sealRecord({ schema_version: 1, id: `${e.kind}/${i}`, kind: e.kind, repository: 'example/program', recorded_at: e.recorded_at, subject: e.subject, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: e.recorded_at, api_calls: [] } }, out.at(-1))));
  return out;
}

describe('access and vulnerability exceptions on status', () => {
  const TODAY = '2027-01-20';
  const alerts = (overdue: boolean, collected_on: string): VulnerabilityAlertsSubject => ({
    month: collected_on.slice(0, 7),
    collected_on,
    remediation_days: { critical: 7 },
    policy: 'access-control',
    alerts: [{ source: 'dependabot', repository: 'example/program', number: 3, url: 'https://github.com/example/program/security/dependabot/3', state: 'open', severity: 'critical', summary: 'lodash', created_at: '2026-09-01T00:00:00Z', resolved_at: null, dismissed_reason: null, due_on: '2026-09-08', age_days: 29, overdue }],
    totals: { open: 1, fixed: 0, dismissed: 0, overdue: overdue ? 1 : 0 },
    limitations: [],
  });

  it('lists each account once from the first snapshot that shows it, and alerts past their remediation time', async () => {
    const { model } = await checkRoot(fixture('type2-readiness', 'ok'), TODAY);
    const roster = model!.people;
    const members = [{ login: 'ada-example', role: 'admin' as const, two_factor_disabled: false }, { login: 'grace-example', role: 'admin' as const, two_factor_disabled: true }, { login: 'stranger', role: 'member' as const, two_factor_disabled: false }];
    const config = { ...model!.config, access: { admin_roles: ['security-officer'] } };
    const records = chain([
      { kind: 'access-snapshot', subject: snapshot({ members, outside_collaborators: [], repositories: [] }), recorded_at: '2026-09-02T06:00:00Z' },
      { kind: 'access-snapshot', subject: snapshot({ members, outside_collaborators: [], repositories: [] }), recorded_at: '2026-10-02T06:00:00Z' },
      { kind: 'access-snapshot', subject: snapshot({ organization: 'other', members: [{ login: 'stranger', role: 'member', two_factor_disabled: false }], outside_collaborators: [], repositories: [] }), recorded_at: '2026-06-02T06:00:00Z' },
      { kind: 'vulnerability-alerts', subject: alerts(true, '2026-10-01'), recorded_at: '2026-10-01T06:00:00Z' },
    ]);
    const exceptions = computeReadiness({ ...model!, people: roster, config }, { today: TODAY, records }).exceptions.filter((e) => e.kind.startsWith('access') || e.kind === 'overdue-vulnerability');
    expect(exceptions.map((e) => [e.id, e.owner])).toEqual([
      ['access-no-two-factor:acme:grace-example', 'security'],
      ['access-unjustified-admin:acme:grace-example', 'security'],
      ['access-unknown-account:acme:stranger', 'security'],
      ['overdue-vulnerability:example/program#dependabot-3', 'ada-lovelace'],
    ]);
    expect(exceptions[2]!.detail).toBe('@stranger holds access (organisation member) but belongs to nobody on the roster. (access snapshot of 2026-09-02)');
    expect(exceptions[3]!.detail).toBe('critical dependabot alert example/program#dependabot-3 (lodash) opened on 2026-09-01 was still open on 2026-10-01, past its remediation date 2026-09-08.');
  });

  it('meets the access review occurrence with an approved review and a monthly control with an alerts record', async () => {
    const model = (await checkRoot(fixture('type2-readiness', 'ok'), TODAY)).model!;
    // Renamed so that the fixture's evidence items (filed under AC-01 and LOG-01) do not count.
    const source = (id: string, s: string) => (c: (typeof model.controls)[number]) => (c.id === id ? { ...c, id: `${id.split('-')[0]}-99`, evidence: [...c.evidence, { description: 'Collected by Evident', collection: 'github' as const, source: s }] } : c);
    const controls = model!.controls.map(source('AC-01', 'evident:access-review-approval')).map(source('LOG-01', 'evident:vulnerability-alerts'));
    const review = (approved: boolean, label: string, start: string, end: string): AccessReviewApprovalSubject => ({
      pull_request: { number: 5, url: 'https://github.com/example/program/pull/5', title: 'Access review', author: 'evident-bot', head_sha: 'a'.repeat(40), merge_commit_sha: null, merged_at: null, merged_by: null },
      period: { label, start, end },
      control: 'AC-01',
      file: { path: `access-reviews/${label}.md`, commit: 'a'.repeat(40), sha256: 'b'.repeat(64) },
      required_approvers: ['security'],
      approvals: [],
      approved,
    });
    const records = chain([
      { kind: 'access-review-approval', subject: review(true, '2026-Q3', '2026-07-01', '2026-09-30'), recorded_at: '2026-10-03T06:00:00Z' },
      { kind: 'access-review-approval', subject: review(false, '2026-Q4', '2026-10-01', '2026-12-31'), recorded_at: '2027-01-03T06:00:00Z' },
      { kind: 'vulnerability-alerts', subject: alerts(false, '2026-10-01'), recorded_at: '2026-10-01T06:00:00Z' },
    ]);
    const report = computeReadiness({ ...model, controls }, { today: TODAY, records });
    expect(report.controls.find((c) => c.id === 'AC-99')!.occurrences.map((o) => [o.label, o.state, o.evidence])).toEqual([
      ['2026-Q3', 'met', ['evidence:records/000001-access-review-approval-0.json']],
      ['2026-Q4', 'missing', []],
    ]);
    expect(report.controls.find((c) => c.id === 'LOG-99')!.occurrences.filter((o) => o.state === 'met').map((o) => [o.label, o.evidence])).toEqual([['2026-10', ['evidence:records/000003-vulnerability-alerts-2.json']]]);
  });
});
