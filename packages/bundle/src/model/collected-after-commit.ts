import { addDays, type ExceptionItem, type RepositoryModel } from '@evident/core';
import type { AuditPeriod } from '../bundle-inputs.js';
import type { EvidenceFirstCommit } from '../read/parse-evidence-log.js';

/** An evidence item whose `collected_at` git history shows to be false, and the exception that says so. */
export interface FalseEvidence {
  /** The evidence file: readiness does not count it. */
  path: string;
  exception: ExceptionItem;
}

/** Days a `collected_at` may be later than the commit's day in UTC: a collector's time zone, not a false date. */
export const COLLECTED_AFTER_COMMIT_TOLERANCE_DAYS = 1;

const overlaps = (a: AuditPeriod, b: AuditPeriod) => a.start <= b.end && b.start <= a.end;

/** The UTC day of an ISO 8601 date and time with an offset. */
const utcDay = (at: string) => {
  const moment = Date.parse(at);
  return Number.isNaN(moment) ? at.slice(0, 10) : new Date(moment).toISOString().slice(0, 10);
};

/**
 * Evidence items in the bundle (covering part of the period, their file present) whose `collected_at`
 * date, as written, is later than the day in UTC, plus one day, of the first commit of the default
 * branch that added their metadata (`commits`, by metadata path): evidence cannot be collected after
 * it was committed. Items no commit added (working tree only) are not assessed. Each is a
 * `collected-after-commit` exception owned by the owner of the first control it names (the security
 * officer when none is known). Pure.
 */
export function collectedAfterCommit(
  model: Pick<RepositoryModel, 'evidence' | 'controls' | 'config'>,
  commits: ReadonlyMap<string, EvidenceFirstCommit>,
  period: AuditPeriod,
): FalseEvidence[] {
  const owners = new Map(model.controls.map((c) => [c.id, c.owner]));
  const out: FalseEvidence[] = [];
  for (const item of model.evidence.items) {
    const collectedAt = item.metadata?.collected_at;
    if (collectedAt === undefined || !item.covers || !overlaps(item.covers, period) || !item.file || item.file.outside) continue;
    const added = commits.get(item.metadataPath);
    if (!added) continue;
    const committedOn = utcDay(added.committed_at);
    const claimed = collectedAt.slice(0, 10);
    if (claimed <= addDays(committedOn, COLLECTED_AFTER_COMMIT_TOLERANCE_DAYS)) continue;
    const control = [...item.metadata!.controls].sort().find((id) => owners.has(id));
    out.push({
      path: item.path,
      exception: {
        id: `collected-after-commit:${item.path}`,
        kind: 'collected-after-commit',
        subject: item.path,
        owner: control !== undefined ? owners.get(control)! : model.config.organization.security_officer,
        detail: `Evidence ${item.path} says it was collected at ${collectedAt}, but the commit that added its metadata (${added.commit.slice(0, 7)}, ${item.metadataPath}) reached the default branch on ${committedOn} (UTC): evidence cannot be collected after it was committed, so it is not counted.`,
        file: item.metadataPath,
      },
    });
  }
  return out;
}
