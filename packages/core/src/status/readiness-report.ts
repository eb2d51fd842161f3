/**
 * Readiness for the configured audit: what `evident status` prints and what the
 * bundle's readiness page and exceptions.csv are built from.
 */
import type { ControlStatus } from '../model/types.js';
import type { IsoDate } from '../time/calendar.js';
import type { StrayResponse } from './exception-response.js';

export type OccurrenceState = 'met' | 'missing' | 'due' | 'not-yet-due';

/** One occurrence of a periodic control inside the audit period, e.g. AC-01 for 2026-Q3. */
export interface Occurrence {
  control: string;
  /** Human label: `2026-07`, `2026-Q3`, `2026`, `2026-W27`, `2026-07-14`, or an event id. */
  label: string;
  start: IsoDate;
  end: IsoDate;
  /** The last day evidence may be added for it. */
  due: IsoDate;
  state: OccurrenceState;
  /** Repository paths of the evidence items that cover it. */
  evidence: string[];
  /**
   * Set when it is met only by items that span more than it and meet several occurrences
   * each (one export covering the whole period meets every week): each such item and how
   * many of the control's occurrences it meets.
   */
  spanning?: { path: string; occurrences: number }[];
}

export type ExceptionKind =
  | 'uncovered-criterion'
  | 'missing-approval'
  | 'missing-acknowledgment'
  | 'overdue-acknowledgment'
  | 'overdue-review'
  | 'missing-evidence'
  | 'unapproved-change'
  | 'bypassed-rules'
  | 'recorded-deviation'
  | 'access-leaver'
  | 'access-unknown-account'
  | 'access-unjustified-admin'
  | 'record-contradicts-itself'
  | 'record-after-as-of'
  | 'access-no-two-factor'
  | 'overdue-vulnerability'
  | 'backdated-policy-version'
  | 'reused-policy-version'
  | 'collected-after-commit';

/** A gap an auditor would list, with who owns it and the company's response. */
export interface ExceptionItem {
  /** Stable key, e.g. `missing-evidence:AC-01:2026-Q3`; also the file name of its management response. */
  id: string;
  kind: ExceptionKind;
  /** The criterion, control, policy or PR it concerns. */
  subject: string;
  /** Roster person or team accountable. */
  owner: string;
  detail: string;
  /** From exceptions/<id>.yaml when the company wrote one. */
  management_response?: string;
  /** Who owns the response, as the response file names them (also copied to `owner`). */
  response_owner?: string;
  /** When the response says the gap will be closed, YYYY-MM-DD. */
  target_date?: IsoDate;
  /** The response file under exceptions/. */
  response_file?: string;
  /** A response file for this exception that exists but does not parse or breaks its schema (`evident check` says why). */
  response_unusable?: string;
  /** Repository file the gap is about, when there is one. */
  file?: string;
}

export interface ControlReadiness {
  id: string;
  title: string;
  owner: string;
  status: ControlStatus;
  frequency: string;
  criteria: string[];
  occurrences: Occurrence[];
}

export interface CriterionReadiness {
  id: string;
  topic: string;
  state: 'uncovered' | ControlStatus;
  controls: string[];
  /** Occurrences of the criterion's controls still missing evidence. */
  missing: number;
}

/** The readiness figure and the rule that computes it (readinessFigure). */
export interface ReadinessFigure {
  /** 0 to 100, rounded down; null when there is nothing to count yet (never a 100% of nothing). */
  percent: number | null;
  /** Why `percent` is null: nothing is due yet, or no criterion is in scope. */
  reason?: string;
  /** The rule that computes it, stated in words in every output. */
  rule: string;
  met: number;
  total: number;
}

export interface ReadinessReport {
  audit: { type: 'type1' | 'type2'; start: IsoDate; end: IsoDate };
  today: IsoDate;
  /** What was assessed: `records` is false when no evidence records were read, so approvals, acknowledgments and populations were not. Always set by computeReadiness. */
  assessed?: { records: boolean };
  criteria: CriterionReadiness[];
  controls: ControlReadiness[];
  exceptions: ExceptionItem[];
  /**
   * Management responses under exceptions/ that answer none of `exceptions` (a typo in their `id` or
   * file name, or an exception closed since), each at its file and line. Always set by computeReadiness.
   */
  stray_responses?: StrayResponse[];
  readiness: ReadinessFigure;
}
