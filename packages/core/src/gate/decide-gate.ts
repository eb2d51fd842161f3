import { code, countDiagnostics, type Diagnostic } from '../diagnostic.js';
import type { CoverageChange } from '../coverage/compare-coverage.js';

export interface GateInput {
  diagnostics: readonly Diagnostic[];
  /** Coverage changes against the base, or undefined when there is no base to compare with. */
  coverageChanges: readonly CoverageChange[] | undefined;
  /** evident.yaml could not be loaded at the head. */
  configFailed: boolean;
  /** Warnings fail the gate too. */
  strict: boolean;
}

export interface GateDecision {
  passed: boolean;
  /** One sentence per reason the gate failed, in a stable order; empty when it passed. */
  reasons: string[];
  /** In-scope criteria that had a control on the base and have none at the head. */
  lostLastControl: string[];
}

/** Whether a pull request passes the gate: no errors (nor warnings when strict), and no criterion loses its last control. Pure. */
export function decideGate(input: GateInput): GateDecision {
  const counts = countDiagnostics(input.diagnostics);
  const reasons: string[] = [];
  if (input.configFailed) reasons.push('Unexpected unusable `evident.yaml`, expected a valid configuration (see the findings)');
  if (counts.error > 0) reasons.push(`Unexpected ${counts.error} ${counts.error === 1 ? 'error' : 'errors'}, expected none`);
  if (input.strict && counts.warning > 0) reasons.push(`Unexpected ${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'} in strict mode, expected none`);
  const lostLastControl = (input.coverageChanges ?? []).filter((c) => c.uncoveredNow).map((c) => c.criterion);
  for (const criterion of lostLastControl) {
    reasons.push(`Unexpected removal of the last control of in-scope criterion ${code(criterion)}, expected at least one control to remain mapped`);
  }
  return { passed: reasons.length === 0, reasons, lostLastControl };
}
