import { accessRows, csvChunks, reconcileAccess, type AccessFindingReason, type AccessRow, type AccessSnapshotSubject, type EvidenceRecord } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import type { Rendered } from '../plan/bundle-plan.js';
import { populationRows, renderPopulationPage } from './render-population-page.js';

/** The latest access snapshot of the period: its record file, day, accounts and what the roster does not explain per account. */
export interface AccessView {
  file: string;
  record: EvidenceRecord<AccessSnapshotSubject>;
  on: string;
  rows: (AccessRow & { roles: string[]; findings: AccessFindingReason[] })[];
}

/** The header of access.csv (documented in docs/bundle.md). */
export const ACCESS_COLUMNS = ['login', 'person', 'name', 'roster', 'roles', 'teams', 'organization_role', 'repository_permissions', 'two_factor', 'findings', 'snapshot_date', 'record'];

const FINDINGS: Record<AccessFindingReason, string> = {
  'leaver-with-access': 'leaver still holding access',
  'unknown-account': 'nobody on the roster',
  'unjustified-admin': 'admin without an admin role',
  'no-two-factor': 'no two-factor authentication',
};

/** The access-snapshot record added last among those recorded in the period, with its rows; undefined when there is none. Pure. */
export function accessView(view: Pick<BundleView, 'chain' | 'inputs'>): AccessView | undefined {
  const { period, model } = view.inputs;
  let latest: { file: string; record: EvidenceRecord<AccessSnapshotSubject> } | undefined;
  for (const { file, record } of view.chain.trusted) {
    const day = typeof record.recorded_at === 'string' ? record.recorded_at.slice(0, 10) : '';
    if (record.kind !== 'access-snapshot' || day < period.start || day > period.end || !Array.isArray((record.subject as AccessSnapshotSubject | undefined)?.repositories)) continue;
    if (!latest || record.sequence > latest.record.sequence) latest = { file, record: record as EvidenceRecord<AccessSnapshotSubject> };
  }
  if (!latest) return undefined;
  const on = latest.record.recorded_at.slice(0, 10);
  const adminRoles = model.config.access?.admin_roles;
  const findings = reconcileAccess(latest.record.subject, model.people, { on, ...(adminRoles ? { adminRoles } : {}) });
  const roles = new Map(model.people.map((p) => [p.id, p.roles]));
  const rows = accessRows(latest.record.subject, model.people, on).map((r) => ({
    ...r,
    roles: r.person ? (roles.get(r.person) ?? []) : [],
    findings: findings.filter((f) => f.login.toLowerCase() === r.login.toLowerCase()).map((f) => f.reason),
  }));
  return { ...latest, on, rows };
}

/** access.csv: one row per account holding access in the latest snapshot of the period. */
export function accessCsv(access: AccessView | undefined): Iterable<string> {
  return csvChunks(ACCESS_COLUMNS, access?.rows ?? [], (r) => [r.login, r.person ?? '', r.name ?? '', r.roster, r.roles.join(' '), r.teams.join(' '), r.organization_role ?? '', r.repositories.join(' | '), r.two_factor, r.findings.join(' '), access!.on, access!.file]);
}

/** access.html: who held access on GitHub, as the latest snapshot of the period shows it, with what the roster does not explain. */
export function renderAccessPage(view: BundleView, access: AccessView | undefined): Iterable<string> {
  const rows = access?.rows ?? [];
  const subject = access?.record.subject;
  const t = (text: string) => ({ text });
  return renderPopulationPage(view, {
    title: 'Access',
    intro: access
      ? `Every account holding access on GitHub in the access snapshot of ${subject!.organization ?? access.record.repository} taken on ${access.on} (the latest of the period, record ${access.file.replace(/^records\//, '')}), reconciled with the roster of the bundle. Each finding is also an exception in exceptions.csv, with its owner and response. The same list is in access.csv.`
      : 'Who holds access on GitHub, from the access-snapshot records of the evidence branch. The same list is in access.csv.',
    counts: [
      { n: rows.length, label: 'accounts with access' },
      { n: rows.filter((r) => r.organization_role === 'admin' || r.repositories.some((p) => p.endsWith(': admin'))).length, label: 'admins' },
      { n: rows.filter((r) => r.organization_role === 'outside collaborator').length, label: 'outside collaborators' },
      { n: rows.filter((r) => r.findings.length > 0).length, label: 'accounts the roster does not explain' },
      { n: subject?.limitations.length ?? 0, label: 'limitations of the token' },
    ],
    tags: [
      ...Object.entries(FINDINGS).map(([value, label]) => ({ value, label })),
      { value: 'explained', label: 'explained by the roster' },
    ],
    columns: ['Account', 'Person', 'Roster', 'Roles', 'Teams', 'Organisation role', 'Repository permissions', 'Two-factor', 'Findings'],
    rows: populationRows(rows, (r) => ({
      tags: r.findings.length ? r.findings : ['explained'],
      cells: [
        t(`@${r.login}`),
        t(r.person ? `${r.name ?? r.person} (${r.person})` : ''),
        r.roster === 'active' ? t(r.roster) : { text: r.roster, state: 'bad' },
        t(r.roles.join(', ')),
        t(r.teams.join(', ')),
        t(r.organization_role ?? ''),
        t(r.repositories.join('; ')),
        r.two_factor === 'disabled' ? { text: r.two_factor, state: 'bad' } : t(r.two_factor),
        r.findings.length ? { text: r.findings.map((f) => FINDINGS[f]).join('; '), state: 'bad' } : t(''),
      ],
    })),
    empty: 'No access-snapshot record was collected in the period: run `evident access collect`.',
    ...(subject && subject.limitations.length ? { note: `The token could not read everything: ${subject.limitations.map((l) => l.detail).join('; ')}.` } : {}),
  });
}

/** access.csv and access.html, from the latest access snapshot of the period. */
export function accessEntries(view: BundleView): [path: string, render: () => Rendered][] {
  const access = accessView(view);
  return [
    ['access.csv', () => accessCsv(access)],
    ['access.html', () => renderAccessPage(view, access)],
  ];
}
