import type { AcknowledgmentSubject, ApprovalSubject, ChangePopulationSubject, EvidenceRecord, ReviewRef } from '../evidence/evidence-record.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { IsoDate } from '../time/calendar.js';
import type { ExceptionItem } from './readiness-report.js';
import { datedAfter, policyStanding, populationStanding, type RecordProblem } from './review-counts.js';

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * Records the assessment cannot count as they stand, for the auditor: approval and change-population
 * records whose flags claim an approval their own reviews do not support (`record-contradicts-itself`),
 * and records dated after the assessment date `today` (`record-after-as-of`: a pull request merged or an
 * acknowledgment given after it). Contradictions are listed for pull requests merged up to the period's end. Pure.
 */
export function recordProblems(model: Pick<RepositoryModel, 'config' | 'people' | 'teams' | 'policies'>, records: readonly EvidenceRecord[], period: { start: IsoDate; end: IsoDate }, today: IsoDate): ExceptionItem[] {
  const out = new Map<string, ExceptionItem>();
  const officer = model.config.organization.security_officer;
  const add = (key: string, subject: string, problem: RecordProblem, record: EvidenceRecord, policy?: string) => {
    const owned = policy ? model.policies.find((p) => p.id === policy) : undefined;
    const id = `${problem.kind}:${key}`;
    out.set(id, { id, kind: problem.kind, subject, owner: owned?.owner ?? officer, detail: `${problem.detail} (evidence record ${record.id}, recorded ${record.recorded_at}).`, ...(owned ? { file: owned.source.path } : {}) });
  };
  const upToEnd = (merged: string | null | undefined) => typeof merged !== 'string' || merged.slice(0, 10) <= period.end;
  for (const record of records) {
    if (record.kind === 'policy-approval') {
      const subject = record.subject as Partial<ApprovalSubject> | undefined;
      const pr = subject?.pull_request;
      if (!pr) continue;
      for (const p of list<ApprovalSubject['policies'][number]>(subject.policies)) {
        for (const problem of policyStanding(pr, p, model, today).problems) {
          if (problem.kind === 'record-contradicts-itself' && !upToEnd(pr.merged_at)) continue;
          add(`${record.repository}#${pr.number}:${p.id}`, p.id, problem, record, p.id);
        }
      }
    } else if (record.kind === 'change-population') {
      for (const pr of list<ChangePopulationSubject['pull_requests'][number]>((record.subject as Partial<ChangePopulationSubject> | undefined)?.pull_requests)) {
        const merged = pr.merged_at?.slice(0, 10);
        if (merged === undefined || merged < period.start || merged > period.end) continue;
        for (const problem of populationStanding(pr, today).problems) add(`${record.repository}#${pr.number}`, `${record.repository}#${pr.number}`, problem, record);
      }
    } else if (record.kind === 'policy-acknowledgment') {
      const subject = record.subject as Partial<AcknowledgmentSubject> | undefined;
      for (const review of list<ReviewRef>(subject?.acknowledgments)) {
        if (String(review.state).toUpperCase() !== 'APPROVED' || !datedAfter(review.submitted_at, today)) continue;
        for (const p of list<AcknowledgmentSubject['policies'][number]>(subject?.policies)) {
          const detail = `@${review.reviewer} acknowledged policy ${p.id} version ${p.version} at ${review.submitted_at}, after the assessment date ${today}: the record is dated after the assessment date and is not counted`;
          add(`${record.repository}#${subject?.pull_request?.number}:${p.id}:${review.person ?? review.reviewer}`, p.id, { kind: 'record-after-as-of', detail }, record, p.id);
        }
      }
    }
  }
  return [...out.values()];
}
