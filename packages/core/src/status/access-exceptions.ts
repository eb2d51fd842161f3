import { accessReviewControl } from '../access/access-review-control.js';
import { reconcileAccess, type AccessFindingReason } from '../access/reconcile-access.js';
import { remediationPolicy } from '../access/remediation-deadline.js';
import type { AccessSnapshotSubject, VulnerabilityAlertsSubject } from '../evidence/access-subjects.js';
import type { EvidenceRecord } from '../evidence/evidence-record.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { IsoDate } from '../time/calendar.js';
import type { ExceptionItem, ExceptionKind } from './readiness-report.js';

const KINDS: Record<AccessFindingReason, ExceptionKind> = {
  'leaver-with-access': 'access-leaver',
  'unknown-account': 'access-unknown-account',
  'unjustified-admin': 'access-unjustified-admin',
  'no-two-factor': 'access-no-two-factor',
};

/**
 * Gaps GitHub access snapshots and vulnerability alerts show over the period: each account the
 * roster does not explain (once per account and reason, from the first snapshot that shows it:
 * removing access later does not undo that it was held), and each alert past its remediation
 * time (as the latest record in the period states it). Pure.
 */
export function accessExceptions(model: RepositoryModel, records: readonly EvidenceRecord[], period: { start: IsoDate; end: IsoDate }): ExceptionItem[] {
  const out = new Map<string, ExceptionItem>();
  const inPeriod = (record: EvidenceRecord) => {
    const on = record.recorded_at.slice(0, 10);
    return on >= period.start && on <= period.end;
  };
  const control = accessReviewControl(model);
  const accessOwner = control?.owner ?? model.config.organization.security_officer;
  for (const record of records) {
    if (record.kind !== 'access-snapshot' || !inPeriod(record)) continue;
    const snapshot = record.subject as AccessSnapshotSubject;
    if (!snapshot || !Array.isArray(snapshot.repositories)) continue;
    const scope = snapshot.organization ?? record.repository;
    const on = record.recorded_at.slice(0, 10);
    for (const finding of reconcileAccess(snapshot, model.people, { on, ...(model.config.access?.admin_roles ? { adminRoles: model.config.access.admin_roles } : {}) })) {
      const kind = KINDS[finding.reason];
      const id = `${kind}:${scope}:${finding.login.toLowerCase()}`;
      if (out.has(id)) continue;
      out.set(id, { id, kind, subject: `@${finding.login}`, owner: accessOwner, detail: `${finding.detail} (access snapshot of ${on})`, ...(control ? { file: control.source.path } : {}) });
    }
  }
  const policy = remediationPolicy(model.policies);
  const owner = policy?.owner ?? model.config.organization.security_officer;
  const file = policy ? model.policies.find((p) => p.id === policy.policy)?.source.path : undefined;
  const latest = new Map<string, ExceptionItem>();
  for (const record of records) {
    if (record.kind !== 'vulnerability-alerts' || !inPeriod(record)) continue;
    const subject = record.subject as VulnerabilityAlertsSubject;
    for (const alert of Array.isArray(subject?.alerts) ? subject.alerts : []) {
      if (!alert.overdue) continue;
      const key = `${alert.repository}#${alert.source}-${alert.number}`;
      const how = alert.resolved_at ? `was ${alert.state === 'fixed' ? 'fixed' : 'dismissed'} on ${alert.resolved_at.slice(0, 10)}` : `was still open on ${subject.collected_on}`;
      latest.set(key, {
        id: `overdue-vulnerability:${key}`,
        kind: 'overdue-vulnerability',
        subject: key,
        owner,
        detail: `${alert.severity ?? 'Unrated'} ${alert.source} alert ${key} (${alert.summary}) opened on ${alert.created_at.slice(0, 10)} ${how}, past its remediation date ${alert.due_on}.`,
        ...(file ? { file } : {}),
      });
    }
  }
  return [...out.values(), ...latest.values()];
}
