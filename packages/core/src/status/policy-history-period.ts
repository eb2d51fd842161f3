import type { EvidentConfig } from '../config/config.js';
import type { IsoDate } from '../time/calendar.js';

/**
 * The period whose policy history readiness reads (`readPolicyContents` of `@evident/bundle`):
 * the period asked for (`evident status --period`), else evident.yaml's `audit.period`, else the
 * single day `audit.as_of` of a Type I audit. Undefined when there is none (a Type I audit without
 * `as_of`): readiness then goes by the policies' frontmatter alone. `evident status`,
 * `evident reminders sync` and the reminders action all choose it here, so that they read the same
 * history and give one readiness figure. Pure.
 */
export function policyHistoryPeriod(audit: Pick<EvidentConfig['audit'], 'period' | 'as_of'>, period?: { start: IsoDate; end: IsoDate }): { start: IsoDate; end: IsoDate } | undefined {
  const chosen = period ?? audit.period ?? (audit.as_of ? { start: audit.as_of, end: audit.as_of } : undefined);
  return chosen ? { start: chosen.start, end: chosen.end } : undefined;
}
