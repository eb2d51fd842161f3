import type { Control } from '../model/types.js';
import type { PopulationEvent } from '../evidence-items/evidence-item.js';
import type { IsoDate } from '../time/calendar.js';
import { dueDate, occurrenceWindows } from '../time/occurrence-windows.js';
import { periodContains, periodsCover, type Period } from '../time/period.js';
import type { Occurrence, OccurrenceState } from './readiness-report.js';

/** Something that evidences a control over a span of days: an evidence item or a collected record. */
export interface Covering {
  /** Repository path of the item, or `<evidence branch>:<record file>` for a record. */
  path: string;
  start: IsoDate;
  end: IsoDate;
  /** The population event it evidences. */
  event?: string;
  /** The population it lists. */
  events?: PopulationEvent[];
}

/** Label of the occurrence an event-driven control's population must meet. */
export const POPULATION_LABEL = 'population';

/**
 * Mark the occurrences met only by items that span more than them (one export covering the
 * whole period meets every week), when such an item meets two occurrences or more: the
 * auditor should see that one item stands for many. Pure.
 */
function markSpanning(occurrences: Occurrence[], windows: readonly Pick<Period, 'start' | 'end'>[], coverings: readonly Covering[]): Occurrence[] {
  const meets = new Map<string, number>();
  for (const c of coverings) {
    const n = windows.filter((w) => periodContains(c, w) && !periodContains(w, c)).length;
    if (n >= 2) meets.set(c.path, Math.max(meets.get(c.path) ?? 0, n));
  }
  if (meets.size === 0) return occurrences;
  return occurrences.map((o, i) => {
    const window = windows[i]!;
    const within = coverings.some((c) => periodContains(window, c));
    const spanning = [...meets].filter(([path]) => o.evidence.includes(path)).map(([path, n]) => ({ path, occurrences: n }));
    return o.state !== 'met' || within || spanning.length === 0 ? o : { ...o, spanning };
  });
}

export function occurrenceState(met: boolean, start: IsoDate, due: IsoDate, today: IsoDate): OccurrenceState {
  if (met) return 'met';
  if (today > due) return 'missing';
  return today >= start ? 'due' : 'not-yet-due';
}

/**
 * Every occurrence of a control inside the audit period and whether evidence
 * meets it. A window is met by a covering that lies within it or spans all of it.
 * Event-driven controls have a population occurrence (met when population lists
 * cover the whole period) and one occurrence per listed event, met by evidence naming the event
 * whose `covers` holds the event's day (the `evidence/event-outside-covers` rule reports any other). Pure.
 */
export function controlOccurrences(control: Pick<Control, 'id' | 'frequency'>, coverings: readonly Covering[], period: Pick<Period, 'start' | 'end'>, today: IsoDate, graceDays?: number): Occurrence[] {
  const make = (label: string, start: IsoDate, end: IsoDate, due: IsoDate, evidence: Covering[], met: boolean): Occurrence => ({
    control: control.id,
    label,
    start,
    end,
    due,
    state: occurrenceState(met, start, due, today),
    evidence: [...new Set(evidence.map((c) => c.path))].sort(),
  });

  if (control.frequency !== 'event') {
    const windows = occurrenceWindows(control.frequency, period);
    const occurrences = windows.map((window) => {
      const evidence = coverings.filter((c) => periodContains(window, c) || periodContains(c, window));
      return make(window.label, window.start, window.end, dueDate(window.end, graceDays), evidence, evidence.length > 0);
    });
    return markSpanning(occurrences, windows, coverings);
  }

  const lists = coverings.filter((c) => c.events !== undefined && c.start <= period.end && c.end >= period.start);
  const population = make(POPULATION_LABEL, period.start, period.end, dueDate(period.end, graceDays), lists, periodsCover(lists, period));
  const events = new Map<string, PopulationEvent>();
  for (const list of lists) for (const event of list.events ?? []) if (!events.has(event.id) && event.date >= period.start && event.date <= period.end) events.set(event.id, event);
  const perEvent = [...events.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((event) => {
      const evidence = coverings.filter((c) => c.event === event.id && c.start <= event.date && event.date <= c.end);
      return make(event.id, event.date, event.date, dueDate(event.date, graceDays), evidence, evidence.length > 0);
    });
  return [population, ...perEvent];
}
