import type { Coverage, CoverageState } from './compute-coverage.js';

export interface CoverageChange {
  criterion: string;
  /** Controls mapped on the base and head side. */
  before: { controls: string[]; implemented: string[]; state: CoverageState | 'out-of-scope' };
  after: { controls: string[]; implemented: string[]; state: CoverageState | 'out-of-scope' };
  gained: string[];
  lost: string[];
  /** Controls that became implemented or operating, or stopped being so. */
  gainedImplemented: string[];
  lostImplemented: string[];
  /** The criterion had a control on the base and has none now. */
  uncoveredNow: boolean;
}

/** What a change does to coverage: criteria that gain or lose mapped or implemented controls. Pure. */
export function compareCoverage(base: Coverage, head: Coverage): CoverageChange[] {
  const side = (coverage: Coverage, id: string) => {
    const row = coverage.rows.find((r) => r.criterion.id === id);
    if (!row) return { controls: [], implemented: [], state: 'out-of-scope' as const };
    return { controls: row.controls.map((c) => c.id), implemented: row.controls.filter((c) => c.status !== 'planned').map((c) => c.id), state: row.state };
  };
  const ids = [...new Set([...base.rows, ...head.rows].map((r) => r.criterion.id))];
  const order = new Map([...head.rows, ...base.rows].map((r, i) => [r.criterion.id, i]));
  ids.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const changes: CoverageChange[] = [];
  for (const id of ids) {
    const before = side(base, id);
    const after = side(head, id);
    const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
    const change: CoverageChange = {
      criterion: id,
      before,
      after,
      gained: minus(after.controls, before.controls),
      lost: minus(before.controls, after.controls),
      gainedImplemented: minus(after.implemented, before.implemented),
      lostImplemented: minus(before.implemented, after.implemented),
      uncoveredNow: before.controls.length > 0 && after.controls.length === 0 && after.state !== 'out-of-scope',
    };
    if (change.gained.length || change.lost.length || change.gainedImplemented.length || change.lostImplemented.length || before.state !== after.state) changes.push(change);
  }
  return changes;
}
