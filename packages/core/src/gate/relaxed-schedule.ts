import type { EvidentConfig } from '../config/config.js';
import { code } from '../diagnostic.js';
import type { Control, Frequency } from '../model/types.js';
import type { Weakening } from './detect-weakening.js';

/** One side of a change: its configuration and its controls. */
export interface ScheduleSide {
  config: Pick<EvidentConfig, 'audit'>;
  controls: readonly Pick<Control, 'id' | 'frequency'>[];
}

/** How many occurrences a frequency asks for over a year: continuous and daily controls are sampled monthly (docs/type2.md). */
const occurrencesPerYear: Readonly<Record<Exclude<Frequency, 'event'>, number>> = { weekly: 52, continuous: 12, daily: 12, monthly: 12, quarterly: 4, annually: 1 };

/**
 * Changes that make fewer occurrences need evidence, which neither the rules nor the coverage
 * delta see: a control's `frequency` made less frequent (monthly to quarterly, anything to
 * annually) or turned into `event` (met by a population the program lists itself, which may
 * list nothing); a control removed or given another id (`control-removed`: its occurrences need
 * no evidence any more, and a renamed control starts over with whatever schedule it now has,
 * which a lowered frequency under a new id would otherwise hide); and the audit narrowed (`audit.type` from type2 to type1, or `audit.period`
 * starting later or ending earlier), which drops the occurrences outside it. Pure.
 */
export function relaxedSchedule(base: ScheduleSide, head: ScheduleSide): Weakening[] {
  const out: Weakening[] = [];
  const after = new Map(head.controls.map((c) => [c.id, c.frequency]));
  for (const control of [...base.controls].sort((a, b) => a.id.localeCompare(b.id))) {
    const before = control.frequency;
    const now = after.get(control.id);
    if (now === undefined) {
      out.push({ kind: 'control-removed', subject: control.id, message: `control ${code(control.id)} removed or renamed: its occurrences would no longer need evidence, and under a new id it would start over with the schedule it has there` });
      continue;
    }
    if (now === before || before === 'event') continue;
    const lowered = now === 'event' || occurrencesPerYear[now] < occurrencesPerYear[before];
    if (!lowered) continue;
    const why = now === 'event' ? 'its occurrences would be the events of a population the program lists itself' : 'fewer occurrences would need evidence';
    out.push({ kind: 'frequency-lowered', subject: control.id, message: `control ${code(control.id)} \`frequency\` changed from ${code(before)} to ${code(now)}: ${why}` });
  }
  out.push(...narrowedAudit(base.config.audit, head.config.audit));
  return out;
}

function narrowedAudit(base: EvidentConfig['audit'], head: EvidentConfig['audit']): Weakening[] {
  if (base.type !== 'type2' || !base.period) return [];
  const narrowed = (message: string): Weakening[] => [{ kind: 'audit-narrowed', subject: 'audit', message }];
  if (head.type !== 'type2' || !head.period) return narrowed(`${code('audit.type')} changed from ${code('type2')} to ${code(head.type)}: no occurrence over the period would be assessed`);
  const dropped: string[] = [];
  if (head.period.start > base.period.start) dropped.push(`starts ${head.period.start} instead of ${base.period.start}`);
  if (head.period.end < base.period.end) dropped.push(`ends ${head.period.end} instead of ${base.period.end}`);
  if (dropped.length === 0) return [];
  return narrowed(`${code('audit.period')} ${dropped.join(' and ')}: occurrences outside it would no longer be assessed`);
}
