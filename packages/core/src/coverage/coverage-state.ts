import type { Style } from '../format/style.js';
import type { ControlStatus } from '../model/types.js';
import type { CoverageState } from './compute-coverage.js';

const rank: Record<CoverageState, number> = { uncovered: 0, planned: 1, implemented: 2, operating: 3 };

/** The most advanced status among a criterion's controls, or `uncovered` when it has none. Pure. */
export function mostAdvancedState(statuses: readonly ControlStatus[]): CoverageState {
  return statuses.reduce<CoverageState>((best, status) => (rank[status] > rank[best] ? status : best), 'uncovered');
}

/** A coverage state for the terminal: uncovered in red, planned in yellow, implemented and operating in green. */
export function paintCoverageState(state: CoverageState, style: Style): string {
  return state === 'uncovered' ? style.red(state) : state === 'planned' ? style.yellow(state) : style.green(state);
}
