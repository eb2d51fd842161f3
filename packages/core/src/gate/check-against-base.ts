import { toDiagnostics, type CheckResult } from '../check-repository.js';
import type { EvidentConfig } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { buildModel } from '../model/build-model.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import { rules as defaultRules } from '../rules/registry.js';
import type { Rule } from '../rules/rule.js';
import { runRules } from '../rules/run-rules.js';
import type { Validators } from '../validate/create-validators.js';
import { gateConfig } from './gate-config.js';

export interface CheckAgainstBaseOptions {
  /** Today as YYYY-MM-DD. */
  today: string;
  validators: Validators;
  rules?: readonly Rule[];
}

export interface CheckAgainstBaseResult extends CheckResult {
  /** The head's own evident.yaml, or undefined when it is unusable. */
  headConfig: EvidentConfig | undefined;
  /** Whose rules judged the head: the base's, or the head's own when the base has no usable evident.yaml. */
  rulesFrom: 'base' | 'head';
}

/**
 * `checkRepository` for the pull-request gate: the head's documents, judged with the
 * base's rules, scope and required sections (`gateConfig`). The head's evident.yaml must
 * still be valid on its own. Pure.
 */
export function checkAgainstBase(snapshot: RepositorySnapshot, baseConfig: EvidentConfig | undefined, options: CheckAgainstBaseOptions): CheckAgainstBaseResult {
  const rulesFrom = baseConfig ? 'base' : 'head';
  const loaded = loadConfig(snapshot.config, options.validators);
  if (!loaded.config) {
    return { model: undefined, diagnostics: toDiagnostics(loaded.findings, baseConfig?.rules ?? {}), configFailed: true, headConfig: undefined, rulesFrom };
  }
  const config = gateConfig(baseConfig, loaded.config);
  const built = buildModel(snapshot, { config, locate: loaded.locate }, options.validators);
  const findings = [...loaded.findings, ...built.findings, ...runRules(built.model, options.rules ?? defaultRules, { today: options.today })];
  return { model: built.model, diagnostics: toDiagnostics(findings, config.rules), configFailed: false, headConfig: loaded.config, rulesFrom };
}
