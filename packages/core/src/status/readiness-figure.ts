/**
 * The one readiness figure: computed here, read by `evident status` (text, JSON, Markdown), the
 * bundle's overview page, manifest.json and README.txt, and the exit code of `evident status`.
 */
import type { ReadinessFigure, ReadinessReport } from './readiness-report.js';

export const TYPE2_RULE =
  'Readiness = met occurrences ÷ (met occurrences + exceptions); every occurrence past its due date without evidence, in-scope criterion without a control and other exception listed counts once; occurrences not yet due, or due and still open, do not count; with none of these there is no figure: nothing is due yet.';
export const TYPE1_RULE = 'Readiness = in-scope criteria with at least one implemented or operating control ÷ in-scope criteria.';

export const NOTHING_DUE_YET = 'Nothing is due yet: no occurrence is past its due date, none is met and no exception is listed.';
export const NO_CRITERIA = 'No criterion is in scope, so nothing can be assessed.';

/**
 * The figure from what it counts: for occurrences (Type II), met occurrences against met occurrences
 * plus every exception; for design (Type I), ready criteria against in-scope criteria. With nothing to
 * count, `percent` is null and `reason` says why; never a 100% of nothing. Pure.
 */
export function readinessFigure(counting: { occurrences: true; met: number; exceptions: number } | { occurrences: false; readyCriteria: number; criteria: number }): ReadinessFigure {
  const [met, total, rule, reason] = counting.occurrences
    ? [counting.met, counting.met + counting.exceptions, TYPE2_RULE, NOTHING_DUE_YET]
    : [counting.readyCriteria, counting.criteria, TYPE1_RULE, NO_CRITERIA];
  if (total === 0) return { percent: null, reason, rule, met, total };
  return { percent: Math.floor((met * 100) / total), rule, met, total };
}

/** The figure in words, as every output shows it: `87% (7 of 8)` or `nothing due yet`. */
export function readinessLabel(figure: Pick<ReadinessFigure, 'percent' | 'met' | 'total' | 'reason'>): string {
  if (figure.percent === null) return figure.reason === NO_CRITERIA ? 'no criterion in scope' : 'nothing due yet';
  return `${figure.percent}% (${figure.met} of ${figure.total})`;
}

/** Exceptions without a management response under exceptions/. */
export function unansweredExceptions(report: Pick<ReadinessReport, 'exceptions'>): ReadinessReport['exceptions'] {
  return report.exceptions.filter((e) => e.management_response === undefined);
}

/**
 * Whether something is open, which `evident status` exits 1 for: for a Type I audit, an in-scope
 * criterion without an implemented or operating control (readiness below 100%); for either type, an
 * exception without a management response (each occurrence past its due date without evidence is one). Pure.
 */
export function readinessFails(report: Pick<ReadinessReport, 'audit' | 'criteria' | 'exceptions'>): boolean {
  const designGap = report.audit.type === 'type1' && report.criteria.some((c) => c.state !== 'implemented' && c.state !== 'operating');
  return designGap || unansweredExceptions(report).length > 0;
}
