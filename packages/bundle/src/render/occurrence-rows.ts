import type { Occurrence, OccurrenceState } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { recordPath } from './portal-layout.js';

/** What the portal shows of an occurrence: core's state, or `excepted` when it is missing and management answered it. */
export type ShownState = OccurrenceState | 'excepted';

/** One occurrence of a control as occurrences.csv, the control page and the heatmap show it. */
export interface OccurrenceRow {
  control: string;
  occurrence: Occurrence;
  state: ShownState;
  /** Evidence files (repository paths) and, where included, their path in the bundle. */
  files: { path: string; href?: string }[];
  /** Evidence records (file on the evidence branch) and their path in the bundle. */
  records: { path: string; href: string }[];
  /** The exception this occurrence raised (missing evidence), if any. */
  exception?: string;
  /** Management's response to that exception, when written. */
  response?: string;
  /** `met by a single item covering N occurrences`, when one item spanning many occurrences meets it alone. */
  spanningNote?: string;
}

export const STATE_LABELS: Record<ShownState, string> = { met: 'met', missing: 'missing', excepted: 'excepted (management response)', due: 'due, open', 'not-yet-due': 'not yet due' };

/** Every occurrence of every control, from core's readiness report (the figures `evident status --format json` shows). Pure. */
export function occurrenceRows(view: BundleView): OccurrenceRow[] {
  const branch = `${view.inputs.model.config.evidence.branch}:`;
  const included = new Map(view.evidence.filter((e) => e.href).map((e) => [e.path, e.href!]));
  const exceptions = new Map(view.exceptions.filter((e) => e.kind === 'missing-evidence').map((e) => [e.id, e]));
  return view.readiness.controls.flatMap((control) =>
    control.occurrences.map((o): OccurrenceRow => {
      const id = `missing-evidence:${control.id}:${o.label}`;
      const exception = o.state === 'missing' ? exceptions.get(id) : undefined;
      const spanning = o.spanning?.length ? o.spanning.map((s) => `met by a single item covering ${s.occurrences} occurrences (${s.path})`).join('; ') : undefined;
      return {
        control: control.id,
        occurrence: o,
        state: exception?.management_response ? 'excepted' : o.state,
        files: o.evidence.filter((p) => !p.startsWith(branch)).map((p) => ({ path: p, ...(included.has(p) ? { href: included.get(p)! } : {}) })),
        records: o.evidence.filter((p) => p.startsWith(branch)).map((p) => ({ path: p.slice(branch.length), href: recordPath(p.slice(branch.length)) })),
        ...(o.state === 'missing' ? { exception: id } : {}),
        ...(exception?.management_response ? { response: exception.management_response } : {}),
        ...(spanning ? { spanningNote: spanning } : {}),
      };
    }),
  );
}

const cache = new WeakMap<BundleView, Map<string, OccurrenceRow[]>>();

/** The occurrence rows of each control, computed once per view. */
export function occurrencesByControl(view: BundleView): Map<string, OccurrenceRow[]> {
  let byControl = cache.get(view);
  if (!byControl) {
    byControl = new Map();
    for (const row of occurrenceRows(view)) byControl.set(row.control, [...(byControl.get(row.control) ?? []), row]);
    cache.set(view, byControl);
  }
  return byControl;
}

/** The items that each meet several occurrences of a control on their own, with how many: for the auditor to judge. */
export function spanningItems(rows: readonly OccurrenceRow[]): { path: string; occurrences: number; labels: string[] }[] {
  const items = new Map<string, { path: string; occurrences: number; labels: string[] }>();
  for (const row of rows) {
    for (const s of row.occurrence.spanning ?? []) {
      const item = items.get(s.path) ?? { path: s.path, occurrences: s.occurrences, labels: [] };
      item.labels.push(row.occurrence.label);
      items.set(s.path, item);
    }
  }
  return [...items.values()].sort((a, b) => a.path.localeCompare(b.path));
}
