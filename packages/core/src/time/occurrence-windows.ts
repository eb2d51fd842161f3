/**
 * When a periodic control must operate over an audit period (docs/adr/0001-occurrences-over-the-audit-period.md).
 */
import type { Frequency } from '../model/types.js';
import { addDays, type IsoDate } from './calendar.js';
import { calendarUnits, yearWindows, type Period } from './period.js';

/** Days after an occurrence ends during which its evidence may still be added. */
export const EVIDENCE_GRACE_DAYS = 7;

/** How each frequency is sampled: the calendar unit one evidence item must cover. */
export const occurrenceUnit: Readonly<Record<Frequency, 'week' | 'month' | 'quarter' | 'year' | 'event'>> = {
  // Continuous controls are evidenced by a monthly sample (a configuration export, a screenshot).
  continuous: 'month',
  // Daily controls are evidenced by monthly aggregated logs (job runs, backups).
  daily: 'month',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  annually: 'year',
  // Event-driven controls: one occurrence per event listed in the population.
  event: 'event',
};

/**
 * The windows in which a control of this frequency must operate during the
 * period: calendar weeks (ISO), months or quarters clipped to the period, or
 * twelve-month windows from its start. Event-driven controls have none here:
 * their occurrences come from the population.
 */
export function occurrenceWindows(frequency: Frequency, period: Pick<Period, 'start' | 'end'>): Period[] {
  const unit = occurrenceUnit[frequency];
  if (unit === 'event') return [];
  if (unit === 'year') return yearWindows(period);
  return calendarUnits(unit, period);
}

/** The last day evidence may be added for an occurrence ending on `end`. */
export function dueDate(end: IsoDate, graceDays: number = EVIDENCE_GRACE_DAYS): IsoDate {
  return addDays(end, graceDays);
}
