import type { AlertSeverity } from '../evidence/access-subjects.js';
import type { Policy } from '../model/types.js';
import { addDays, daysBetween, type IsoDate } from '../time/calendar.js';

/** Days to remediate an alert, by severity (a policy's `remediation_days`). */
export type RemediationDays = Partial<Record<AlertSeverity, number>>;

/** The approved policy that sets remediation times, if any (the first by id). Pure. */
export function remediationPolicy(policies: readonly Policy[]): { policy: string; owner: string; remediation_days: RemediationDays } | undefined {
  const found = [...policies]
    .filter((p) => p.status !== 'retired')
    .sort((a, b) => a.id.localeCompare(b.id))
    .find((p) => typeof (p as Policy & { remediation_days?: unknown }).remediation_days === 'object');
  return found ? { policy: found.id, owner: found.owner, remediation_days: (found as Policy & { remediation_days: RemediationDays }).remediation_days } : undefined;
}

/**
 * When an alert was due and whether it is past it: open after its due date on `today`, or fixed
 * or dismissed after it. An alert whose severity has no remediation time is never overdue. Pure.
 */
export function remediationDeadline(alert: { severity: AlertSeverity | null; created_at: string; resolved_at: string | null }, days: RemediationDays | null | undefined, today: IsoDate): { due_on: IsoDate | null; age_days: number; overdue: boolean } {
  const opened = alert.created_at.slice(0, 10);
  const until = alert.resolved_at ? alert.resolved_at.slice(0, 10) : today;
  const age_days = Math.max(daysBetween(opened, until), 0);
  const limit = alert.severity ? days?.[alert.severity] : undefined;
  if (limit === undefined) return { due_on: null, age_days, overdue: false };
  const due_on = addDays(opened, limit);
  return { due_on, age_days, overdue: until > due_on };
}
