import { addDays, sha256Hex, type AcknowledgmentSubject, type EvidenceRecord, type RepositoryModel } from '@evident/core';
import { acknowledgmentAudience, selectAcknowledgmentPolicies } from './acknowledgment-audience.js';

export type AcknowledgmentState = 'acknowledged' | 'pending' | 'overdue' | 'left';

export interface PersonAcknowledgment {
  person: string;
  name: string;
  github: string;
  state: AcknowledgmentState;
  /** Date the acknowledgment is due: the later of the policy's effective date and the person's start, plus `within_days`. */
  due: string;
  /** When acknowledged (the review's submitted_at) and through which pull request and review. */
  acknowledged_at?: string;
  pull_request?: number;
  review_id?: number;
  /** For people who left without acknowledging: `left` when they left on or before the due date, `overdue` when they were employed past it. */
  end_date?: string;
}

export interface PolicyAcknowledgmentStatus {
  policy: string;
  title: string;
  version: string;
  within_days: number;
  people: PersonAcknowledgment[];
  counts: Record<AcknowledgmentState, number>;
}

/**
 * Who has acknowledged the current version of each policy with an `acknowledgment` field (its text
 * as it stands: a record counts when it binds the SHA-256 of the file, as readiness matches it), who is
 * pending, who is overdue (anyone employed past the due date without acknowledging, even if they
 * left since: a deviation, as `evident status` reports it) and who left on or before the due date
 * without acknowledging, from the acknowledgment records of the evidence branch and the roster.
 * People who start after `today` are not yet in the audience. Only the policies `ack request --all`
 * asks about are due (approved, with an `acknowledgment` field): a draft or retired policy is never
 * listed, even when named in `only`. Pure.
 */
export function acknowledgmentStatus(model: Pick<RepositoryModel, 'people' | 'teams' | 'policies'>, records: readonly EvidenceRecord[], today: string, only?: readonly string[]): PolicyAcknowledgmentStatus[] {
  const acknowledgments = records.filter((r) => r.kind === 'policy-acknowledgment') as EvidenceRecord<AcknowledgmentSubject>[];
  const out: PolicyAcknowledgmentStatus[] = [];
  for (const policy of selectAcknowledgmentPolicies(model, 'all').policies) {
    if (!policy.acknowledgment || (only && !only.includes(policy.id))) continue;
    const people: PersonAcknowledgment[] = [];
    // The version as it stands: an acknowledgment binds the SHA-256 of the file's bytes, as readiness reads it.
    const sha256 = sha256Hex(policy.source.text);
    for (const person of acknowledgmentAudience(model, policy)) {
      if (person.start_date > today) continue;
      const due = addDays(person.start_date > policy.effective_date ? person.start_date : policy.effective_date, policy.acknowledgment.within_days);
      const base = { person: person.id, name: person.name, github: person.github, due };
      const found = earliestAcknowledgment(acknowledgments, policy.id, sha256, person.id);
      if (found) people.push({ ...base, state: 'acknowledged', ...found });
      else if (person.end_date && person.end_date < today) people.push({ ...base, state: person.end_date <= due ? 'left' : due < today ? 'overdue' : 'pending', end_date: person.end_date });
      else people.push({ ...base, state: due < today ? 'overdue' : 'pending' });
    }
    const counts = { acknowledged: 0, pending: 0, overdue: 0, left: 0 };
    for (const p of people) counts[p.state] += 1;
    out.push({ policy: policy.id, title: policy.title, version: policy.version, within_days: policy.acknowledgment.within_days, people, counts });
  }
  return out;
}

/** The earliest acknowledgment by `person` of the policy's text with this SHA-256: another text with the same id and version does not count. */
function earliestAcknowledgment(records: readonly EvidenceRecord<AcknowledgmentSubject>[], policy: string, sha256: string, person: string) {
  let best: { acknowledged_at: string; pull_request: number; review_id: number } | undefined;
  for (const record of records) {
    if (!record.subject.policies.some((p) => p.id === policy && p.sha256 === sha256)) continue;
    for (const ack of record.subject.acknowledgments) {
      if (ack.person !== person) continue;
      const at = ack.submitted_at ?? record.recorded_at;
      if (!best || at < best.acknowledged_at) best = { acknowledged_at: at, pull_request: record.subject.pull_request.number, review_id: ack.review_id };
    }
  }
  return best;
}
