import { code } from '../diagnostic.js';
import type { Control } from '../model/types.js';
import { RECORD_SOURCES } from '../status/compute-readiness.js';
import type { Weakening } from './detect-weakening.js';

type ControlSide = readonly Pick<Control, 'id' | 'evidence'>[];

/**
 * Record sources (`evident:branch-rules`, `evident:change-population`, …) that a control the base
 * already had starts naming in its `evidence`: the collected records of that kind then meet its
 * occurrences, whatever the control is about (a branch-rules snapshot each month would meet a
 * monthly access review). Neither the rules nor the coverage delta see it. Pure.
 */
export function addedRecordSources(base: ControlSide, head: ControlSide): Weakening[] {
  const before = new Map(base.map((c) => [c.id, new Set(c.evidence.map((e) => e.source))]));
  const out: Weakening[] = [];
  for (const control of [...head].sort((a, b) => a.id.localeCompare(b.id))) {
    const known = before.get(control.id);
    if (!known) continue;
    const added = [...new Set(control.evidence.map((e) => e.source))].filter((source): source is string => source !== undefined && source in RECORD_SOURCES && !known.has(source)).sort();
    for (const source of added) {
      out.push({ kind: 'record-source-added', subject: control.id, message: `control ${code(control.id)} now counts ${code(source)} records as its evidence: each one collected would meet its occurrences` });
    }
  }
  return out;
}
