import { sha256Hex } from '../evidence/evidence-chain.js';
import type { AcknowledgmentSubject, ApprovalSubject, ChangePopulationSubject, EvidenceRecord, ExceptionSubject } from '../evidence/evidence-record.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { Person, Policy } from '../model/types.js';
import { expandReference } from '../rules/resolve-references.js';
import { addDays, maxDate, type IsoDate } from '../time/calendar.js';
import type { ExceptionItem } from './readiness-report.js';
import { recordProblems } from './record-problems.js';
import { datedAfter, policyStanding } from './review-counts.js';
import { contentCommittedOn, type PolicyContent } from './policy-version-exceptions.js';

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const day = (timestamp: string | null | undefined): IsoDate | undefined => (typeof timestamp === 'string' && /^\d{4}-\d{2}-\d{2}/.test(timestamp) ? timestamp.slice(0, 10) : undefined);

/** The record approving exactly this content of the policy, if any (the last one in the chain whose own reviews support its approval by `today`, see policyStanding). */
function currentApproval(model: RepositoryModel, policy: Policy, sha256: string, records: readonly EvidenceRecord[], today: IsoDate): EvidenceRecord<ApprovalSubject> | undefined {
  return [...records].reverse().find((r): r is EvidenceRecord<ApprovalSubject> => r.kind === 'policy-approval' && !!(r.subject as ApprovalSubject)?.pull_request && list<ApprovalSubject['policies'][number]>((r.subject as ApprovalSubject).policies).some((p) => p.id === policy.id && p.sha256 === sha256 && policyStanding((r.subject as ApprovalSubject).pull_request, p, model, today).approved));
}

/** Roster people an audience names (`everyone`, teams, people), active on `today`. */
export function audienceOf(model: RepositoryModel, names: readonly string[], today: IsoDate): Person[] {
  const ids = new Set(names.flatMap((name) => expandReference(model, name)));
  return model.people.filter((p) => ids.has(p.id) && p.start_date <= today && (p.end_date === undefined || p.end_date >= today)).sort((a, b) => a.id.localeCompare(b.id));
}

/** Roster people an audience names who had started by `today`, whether or not they have left since. */
function everyoneNamed(model: RepositoryModel, names: readonly string[], today: IsoDate): Person[] {
  const ids = new Set(names.flatMap((name) => expandReference(model, name)));
  return model.people.filter((p) => ids.has(p.id) && p.start_date <= today).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Gaps only evidence records can show: policies in force without an approval of
 * their current content, acknowledgments missing after their deadline (from anyone
 * employed past it, whether or not they left since) or given late, pull requests
 * merged without an approval (in the change population, or changing a policy
 * without its required approvers) and merges that bypassed the branch rules. Pure.
 */
export function recordExceptions(model: RepositoryModel, records: readonly EvidenceRecord[], period: { start: IsoDate; end: IsoDate }, today: IsoDate, contents?: readonly PolicyContent[]): ExceptionItem[] {
  const out: ExceptionItem[] = [];
  for (const policy of model.policies) {
    if (policy.status !== 'approved') continue;
    const sha256 = sha256Hex(policy.source.text);
    const file = policy.source.path;
    const approval = currentApproval(model, policy, sha256, records, today);
    if (!approval) {
      out.push({ id: `missing-approval:${policy.id}`, kind: 'missing-approval', subject: policy.id, owner: policy.owner, detail: `No approval record binds policy ${policy.id} version ${policy.version} as it stands (SHA-256 ${sha256}).`, file });
    }
    if (!policy.acknowledgment) continue;
    // Due counting from the latest of the effective date, the approval's merge and (with git history) the commit that introduced this text.
    const committed = contents ? contentCommittedOn(contents, policy.id, sha256) : undefined;
    const from = maxDate(maxDate(policy.effective_date, day(approval?.subject.pull_request.merged_at) ?? policy.effective_date), committed ?? policy.effective_date);
    const acknowledged = new Map<string, IsoDate>();
    for (const record of records) {
      if (record.kind !== 'policy-acknowledgment') continue;
      const subject = record.subject as AcknowledgmentSubject;
      if (!list<AcknowledgmentSubject['policies'][number]>(subject?.policies).some((p) => p.id === policy.id && p.sha256 === sha256)) continue;
      for (const review of list<AcknowledgmentSubject['acknowledgments'][number]>(subject.acknowledgments)) {
        if (String(review.state).toUpperCase() !== 'APPROVED' || !review.person || acknowledged.has(review.person) || datedAfter(review.submitted_at, today)) continue;
        acknowledged.set(review.person, day(review.submitted_at) ?? day(record.recorded_at)!);
      }
    }
    for (const person of everyoneNamed(model, policy.acknowledgment.audience, today)) {
      const deadline = addDays(maxDate(from, person.start_date), policy.acknowledgment.within_days);
      // Someone who left on or before the due date owed nothing; someone employed past it did, even if they left since.
      if (person.end_date !== undefined && person.end_date <= deadline) continue;
      const on = acknowledged.get(person.id);
      const left = person.end_date !== undefined && person.end_date < today ? `, and left on ${person.end_date} without acknowledging` : '';
      if (on === undefined && today > deadline) {
        out.push({ id: `missing-acknowledgment:${policy.id}:${person.id}`, kind: 'missing-acknowledgment', subject: policy.id, owner: policy.owner, detail: `${person.name} (${person.id}) has not acknowledged policy ${policy.id} version ${policy.version}, due ${deadline}${left}.`, file });
      } else if (on !== undefined && on > deadline) {
        out.push({ id: `overdue-acknowledgment:${policy.id}:${person.id}`, kind: 'overdue-acknowledgment', subject: policy.id, owner: policy.owner, detail: `${person.name} (${person.id}) acknowledged policy ${policy.id} version ${policy.version} on ${on}, after the due date ${deadline}.`, file });
      }
    }
  }

  out.push(...recordProblems(model, records, period, today));
  const seen = new Set<string>();
  const bypassed = new Set<string>();
  const statedUnapproved = unapprovedStatements(records);
  for (const record of records) {
    if (record.kind === 'policy-approval') {
      out.push(...unapprovedPolicyMerge(model, record as EvidenceRecord<ApprovalSubject>, period, seen));
      continue;
    }
    if (record.kind === 'exception') {
      out.push(...recordedDeviation(model, record as EvidenceRecord<ExceptionSubject>, period, statedUnapproved));
      continue;
    }
    if (record.kind !== 'change-population') continue;
    for (const pr of list<ChangePopulationSubject['pull_requests'][number]>((record.subject as ChangePopulationSubject)?.pull_requests)) {
      const merged = day(pr.merged_at);
      const key = `${record.repository}#${pr.number}`;
      if (pr.bypass?.bypassed !== true || merged === undefined || merged < period.start || merged > period.end || bypassed.has(key)) continue;
      bypassed.add(key);
      const why = list<string>(pr.bypass.reasons).length ? `: ${list<string>(pr.bypass.reasons).join('; ')}` : '';
      out.push({ id: `bypassed-rules:${key}`, kind: 'bypassed-rules', subject: key, owner: model.config.organization.security_officer, detail: `Pull request ${key} (${pr.title}) was merged by ${pr.merged_by ?? 'unknown'} on ${merged} without what the branch rules require${why}.` });
    }
    for (const pr of list<ChangePopulationSubject['pull_requests'][number]>((record.subject as ChangePopulationSubject)?.pull_requests)) {
      const merged = day(pr.merged_at);
      const key = `${record.repository}#${pr.number}`;
      if (!pr.merged_without_approval || merged === undefined || merged < period.start || merged > period.end || seen.has(key)) continue;
      seen.add(key);
      out.push({
        id: `unapproved-change:${key}`,
        kind: 'unapproved-change',
        subject: key,
        owner: model.config.organization.security_officer,
        detail: `Pull request ${key} (${pr.title}) by ${pr.author} was merged by ${pr.merged_by ?? 'unknown'} on ${merged} without an approval at its final head.`,
      });
    }
  }
  return out;
}

/**
 * A deviation the collector recorded (an `exception` record: a stale or self approval, a review after
 * the merge, a reviewer not on the roster, …) whose pull request merged in the period (or, naming
 * none, that was recorded in it). A missing required approver is left out when an approval record
 * of the same pull request says that policy is not approved: its `unapproved-change` states it
 * already. When the approval record says it is approved, the two contradict each other and the
 * missing approver is reported.
 */
function recordedDeviation(model: RepositoryModel, record: EvidenceRecord<ExceptionSubject>, period: { start: IsoDate; end: IsoDate }, statedUnapproved: ReadonlySet<string>): ExceptionItem[] {
  const subject = record.subject;
  if (!subject || typeof subject.reason !== 'string') return [];
  if (subject.reason === 'missing-approver' && statedUnapproved.has(`${record.repository}#${subject.pull_request?.number}:${subject.policy}`)) return [];
  const pr = subject.pull_request;
  const on = day(pr?.merged_at) ?? day(record.recorded_at);
  if (on === undefined || on < period.start || on > period.end) return [];
  const policy = typeof subject.policy === 'string' ? model.policies.find((p) => p.id === subject.policy) : undefined;
  const about = policy?.id ?? (pr ? `${record.repository}#${pr.number}` : record.repository);
  return [{
    id: `recorded-deviation:${record.id}`,
    kind: 'recorded-deviation',
    subject: about,
    owner: policy?.owner ?? model.config.organization.security_officer,
    detail: `${subject.reason}: ${typeof subject.detail === 'string' ? subject.detail : ''} (evidence record ${record.id}, recorded ${record.recorded_at}).`,
    ...(policy ? { file: policy.source.path } : {}),
  }];
}

/** `OWNER/NAME#N:POLICY` of every policy an approval record says pull request N changed without its required approvals. */
function unapprovedStatements(records: readonly EvidenceRecord[]): Set<string> {
  const out = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'policy-approval') continue;
    const subject = record.subject as Partial<ApprovalSubject> | undefined;
    for (const p of list<ApprovalSubject['policies'][number]>(subject?.policies)) if (p.approved === false) out.add(`${record.repository}#${subject?.pull_request?.number}:${p.id}`);
  }
  return out;
}

/** A policy change merged in the period without its required approvers (an approval record with `approved: false`). */
function unapprovedPolicyMerge(model: RepositoryModel, record: EvidenceRecord<ApprovalSubject>, period: { start: IsoDate; end: IsoDate }, seen: Set<string>): ExceptionItem[] {
  const pr = record.subject?.pull_request;
  const merged = day(pr?.merged_at);
  const unapproved = list<ApprovalSubject['policies'][number]>(record.subject?.policies).filter((p) => p.approved === false);
  const key = `${record.repository}#${pr?.number}`;
  if (!pr || unapproved.length === 0 || merged === undefined || merged < period.start || merged > period.end || seen.has(key)) return [];
  seen.add(key);
  const missing = unapproved.map((p) => {
    const approvedBy = new Set(list<ApprovalSubject['policies'][number]['approvals'][number]>(p.approvals).filter((r) => String(r.state).toUpperCase() === 'APPROVED').map((r) => r.person));
    const absent = list<string>(p.required_approvers).filter((a) => !approvedBy.has(a));
    return `${p.id} version ${p.version}${absent.length ? ` (no approval from ${absent.join(', ')})` : ''}`;
  });
  return [{ id: `unapproved-change:${key}`, kind: 'unapproved-change', subject: key, owner: model.config.organization.security_officer, detail: `Pull request ${key} (${pr.title}) was merged by ${pr.merged_by ?? 'unknown'} on ${merged} without the required approvals of policy ${missing.join('; ')}.` }];
}
