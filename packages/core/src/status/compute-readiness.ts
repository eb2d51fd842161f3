import { flatString } from '../flat-string.js';
import { mostAdvancedState } from '../coverage/coverage-state.js';
import { recordFileName } from '../evidence/evidence-chain.js';
import type { BranchRulesSubject, ChangePopulationSubject, EvidenceRecord } from '../evidence/evidence-record.js';
import type { AccessReviewApprovalSubject } from '../evidence/access-subjects.js';
import { usableEvidence } from '../evidence-items/usable-evidence.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { Control } from '../model/types.js';
import { nextReviewDate } from '../rules/review-overdue.js';
import type { IsoDate } from '../time/calendar.js';
import { controlOccurrences, type Covering } from './control-occurrences.js';
import { responseFor, strayResponses } from './exception-response.js';
import type { ControlReadiness, CriterionReadiness, ExceptionItem, ReadinessReport } from './readiness-report.js';
import { readinessFigure } from './readiness-figure.js';
import { recordExceptions } from './record-exceptions.js';
import { accessExceptions } from './access-exceptions.js';
import { policyVersionExceptions, type PolicyContent } from './policy-version-exceptions.js';

export type { PolicyContent } from './policy-version-exceptions.js';

export interface ReadinessOptions {
  /** Today as YYYY-MM-DD: the clock is a parameter. */
  today: IsoDate;
  /** Evidence records from the evidence branch: approvals, acknowledgments, populations. */
  records?: readonly EvidenceRecord[];
  /** The period to assess instead of evident.yaml's `audit.period`. */
  period?: { start: IsoDate; end: IsoDate };
  /** Days after an occurrence ends during which its evidence may still be added. */
  graceDays?: number;
  /**
   * Every content of each policy file git shows on the default branch, with its commit's date (the
   * bundle reads them from the history). With them, an acknowledgment is due counting from the
   * commit that introduced the content too, and backdated or reused version numbers are exceptions.
   */
  policyContents?: readonly PolicyContent[];
  /**
   * Evidence items whose `collected_at` git history shows to be false (the bundle's `collected-after-commit`):
   * each exception is listed with the others, and the evidence file it names (`path`) does not count.
   */
  falseEvidence?: readonly { path: string; exception: ExceptionItem }[];
}

/** A Type II audit without a period: there is nothing to assess occurrences against. */
export class MissingAuditPeriodError extends Error {
  override name = 'MissingAuditPeriodError';
  constructor() {
    super('Missing `audit.period` in evident.yaml, expected `start` and `end` dates for a Type II audit (or pass --period START..END)');
  }
}

/** Evidence sources a control names to count collected records as its evidence (docs/type2.md). */
export const RECORD_SOURCES = {
  'evident:change-population': 'change-population',
  'evident:branch-rules': 'branch-rules',
  'evident:access-review-approval': 'access-review-approval',
  'evident:vulnerability-alerts': 'vulnerability-alerts',
} as const;

/**
 * Readiness for the configured audit: per criterion and control, every occurrence
 * due in the period with its state, the exceptions an auditor would list with the
 * company's responses, and an overall figure with the rule that computes it. Pure.
 */
export function computeReadiness(model: RepositoryModel, options: ReadinessOptions): ReadinessReport {
  const { today } = options;
  const { audit } = model.config;
  const period = options.period ?? audit.period ?? (audit.type === 'type1' ? { start: audit.as_of ?? today, end: audit.as_of ?? today } : undefined);
  if (!period) throw new MissingAuditPeriodError();
  const assessOccurrences = audit.type === 'type2' || options.period !== undefined;
  const coverings = coveringsByControl(model, options.records ?? [], today, new Set((options.falseEvidence ?? []).map((f) => f.path)));

  const controls = [...model.controls]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((control): ControlReadiness => ({
      id: control.id,
      title: control.title,
      owner: control.owner,
      status: control.status,
      frequency: control.frequency,
      criteria: [...control.criteria],
      occurrences: assessOccurrences ? controlOccurrences(control, coverings(control), period, today, options.graceDays) : [],
    }));
  const missingOf = (id: string) => controls.find((c) => c.id === id)!.occurrences.filter((o) => o.state === 'missing').length;

  const criteria = model.criteriaInScope.map((criterion): CriterionReadiness => {
    const mapped = controls.filter((c) => c.criteria.includes(criterion.id));
    const state = mostAdvancedState(mapped.map((c) => c.status));
    return { id: criterion.id, topic: criterion.topic ?? criterion.family, state, controls: mapped.map((c) => c.id), missing: mapped.reduce((n, c) => n + missingOf(c.id), 0) };
  });

  const exceptions = collectExceptions(model, controls, criteria, period, options);
  const readiness = assessOccurrences
    ? readinessFigure({ occurrences: true, met: controls.reduce((n, c) => n + c.occurrences.filter((o) => o.state === 'met').length, 0), exceptions: exceptions.length })
    : readinessFigure({ occurrences: false, readyCriteria: criteria.filter((c) => c.state === 'implemented' || c.state === 'operating').length, criteria: criteria.length });
  return {
    audit: { type: audit.type, start: period.start, end: period.end },
    today,
    assessed: { records: options.records !== undefined },
    criteria,
    controls,
    exceptions,
    stray_responses: strayResponses(model.exceptionResponses, exceptions.map((e) => e.id), options.records !== undefined, options.policyContents !== undefined, options.falseEvidence !== undefined),
    readiness,
  };
}

function collectExceptions(model: RepositoryModel, controls: ControlReadiness[], criteria: CriterionReadiness[], period: { start: IsoDate; end: IsoDate }, options: ReadinessOptions): ExceptionItem[] {
  const out: ExceptionItem[] = [];
  const officer = model.config.organization.security_officer;
  for (const criterion of criteria) {
    if (criterion.state !== 'uncovered') continue;
    out.push({ id: `uncovered-criterion:${criterion.id}`, kind: 'uncovered-criterion', subject: criterion.id, owner: officer, detail: `No control maps criterion ${criterion.id} (${criterion.topic}).`, file: model.configFile });
  }
  for (const policy of model.policies) {
    const due = policy.status === 'retired' ? undefined : nextReviewDate(policy);
    if (due === undefined || due >= options.today) continue;
    out.push({ id: `overdue-review:${policy.id}`, kind: 'overdue-review', subject: policy.id, owner: policy.owner, detail: `Review of policy ${policy.id} was due on ${due}.`, file: policy.source.path });
  }
  const paths = new Map(model.controls.map((c) => [c.id, c.source.path]));
  for (const control of controls) {
    for (const o of control.occurrences) {
      if (o.state !== 'missing') continue;
      const what = o.start === o.end ? `${o.label} (${o.start})` : `${o.label} (${o.start} to ${o.end})`;
      out.push({ id: `missing-evidence:${control.id}:${o.label}`, kind: 'missing-evidence', subject: control.id, owner: control.owner, detail: `No evidence of control ${control.id} (${control.frequency}) covers ${what}, due ${o.due}.`, file: paths.get(control.id) });
    }
  }
  if (options.records) out.push(...recordExceptions(model, options.records, period, options.today, options.policyContents), ...accessExceptions(model, options.records, period));
  if (options.policyContents) out.push(...policyVersionExceptions(model, options.policyContents, period));
  if (options.falseEvidence) out.push(...options.falseEvidence.map((f) => f.exception));
  return out
    .map((built): ExceptionItem => {
      // Thousands of exceptions can be kept for a whole bundle build: their texts are stored flat, not as the pieces they were built from.
      const item = { ...built, id: flatString(built.id), detail: flatString(built.detail) };
      const response = responseFor(model.exceptionResponses, item.id);
      if (!response) {
        // A response file that exists but does not parse is not "no response": name it, so it gets fixed.
        const unusable = responseFor(model.unusableExceptionResponses ?? [], item.id);
        return unusable ? { ...item, response_unusable: unusable.file } : item;
      }
      return { ...item, owner: response.owner, management_response: response.response.trim(), response_owner: response.owner, response_file: response.file, ...(response.target_date ? { target_date: response.target_date } : {}) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Evidence items (but those `uncounted`) and collected records per control, as spans of days. */
function coveringsByControl(model: RepositoryModel, records: readonly EvidenceRecord[], today: IsoDate, uncounted: ReadonlySet<string>): (control: Control) => Covering[] {
  const byControl = new Map<string, Covering[]>();
  for (const item of usableEvidence(model, today)) {
    if (uncounted.has(item.path)) continue;
    const covering: Covering = { path: item.path, start: item.covers.start, end: item.covers.end, event: item.metadata.event, events: item.metadata.events };
    for (const id of item.metadata.controls) byControl.set(id, [...(byControl.get(id) ?? []), covering]);
  }
  const branch = model.config.evidence.branch;
  const fromRecords = (kind: string): Covering[] =>
    records.flatMap((record): Covering[] => {
      if (record.kind !== kind) return [];
      const path = `${branch}:${recordFileName(record)}`;
      if (kind === 'change-population') {
        const span = (record.subject as ChangePopulationSubject)?.period;
        return span ? [{ path, start: span.start, end: span.end }] : [];
      }
      if (kind === 'access-review-approval') {
        // A signed-off review covers its period; one not (yet) approved covers nothing.
        const review = record.subject as AccessReviewApprovalSubject;
        return review?.approved === true && review.period ? [{ path, start: review.period.start, end: review.period.end }] : [];
      }
      if (kind === 'vulnerability-alerts') return [{ path, start: record.recorded_at.slice(0, 10), end: record.recorded_at.slice(0, 10) }];
      return (record.subject as BranchRulesSubject)?.branch ? [{ path, start: record.recorded_at.slice(0, 10), end: record.recorded_at.slice(0, 10) }] : [];
    });
  return (control) => {
    const kinds = new Set(control.evidence.map((e) => RECORD_SOURCES[e.source as keyof typeof RECORD_SOURCES]).filter(Boolean));
    return [...(byControl.get(control.id) ?? []), ...[...kinds].flatMap(fromRecords)];
  };
}
