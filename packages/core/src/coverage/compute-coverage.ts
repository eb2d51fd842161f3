import type { RepositoryModel } from '../model/repository-model.js';
import type { ControlStatus, Criterion } from '../model/types.js';
import { mostAdvancedState } from './coverage-state.js';

export type CoverageState = 'uncovered' | ControlStatus;

export interface CoverageRow {
  criterion: Criterion;
  /** Controls mapped to the criterion, sorted by id. */
  controls: { id: string; title: string; status: ControlStatus; path: string }[];
  /** Policies that name the criterion or are implemented by a mapped control, sorted. */
  policies: string[];
  /** The most advanced status among the mapped controls. */
  state: CoverageState;
}

export interface Coverage {
  rows: CoverageRow[];
  totals: { criteria: number; covered: number; uncovered: number; planned: number; implemented: number; operating: number };
}

/** For each in-scope criterion: its controls, their status and the policies behind them. Pure. */
export function computeCoverage(model: RepositoryModel): Coverage {
  const rows = model.criteriaInScope.map((criterion): CoverageRow => {
    const controls = model.controls
      .filter((c) => c.criteria.includes(criterion.id))
      .map((c) => ({ id: c.id, title: c.title, status: c.status, path: c.source.path }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const policies = new Set<string>(model.policies.filter((p) => p.criteria.includes(criterion.id)).map((p) => p.id));
    for (const control of model.controls) if (control.criteria.includes(criterion.id)) for (const p of control.policies) policies.add(p);
    return { criterion, controls, policies: [...policies].sort(), state: mostAdvancedState(controls.map((c) => c.status)) };
  });
  const count = (state: CoverageState) => rows.filter((r) => r.state === state).length;
  return {
    rows,
    totals: { criteria: rows.length, covered: rows.length - count('uncovered'), uncovered: count('uncovered'), planned: count('planned'), implemented: count('implemented'), operating: count('operating') },
  };
}
