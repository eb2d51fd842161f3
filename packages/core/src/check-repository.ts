import { ruleDocPath, severityOf } from './config/default-severities.js';
import type { EvidentConfig } from './config/config.js';
import { requireConfiguredFolders } from './config/configured-folders.js';
import { loadConfig } from './config/load-config.js';
import { compareDiagnostics, type Diagnostic, type Finding, type Severity } from './diagnostic.js';
import { buildModel } from './model/build-model.js';
import type { RepositoryModel } from './model/repository-model.js';
import type { RepositorySnapshot } from './model/repository-snapshot.js';
import { rules as defaultRules } from './rules/registry.js';
import type { Rule } from './rules/rule.js';
import { runRules } from './rules/run-rules.js';
import { createValidators, type Validators } from './validate/create-validators.js';

export interface CheckOptions {
  /** Today as YYYY-MM-DD: the clock is a parameter. */
  today: string;
  rules?: readonly Rule[];
  validators?: Validators;
}

export interface CheckResult {
  /** Undefined when evident.yaml itself is unusable (then `configFailed` is true). */
  model: RepositoryModel | undefined;
  diagnostics: Diagnostic[];
  /** evident.yaml could not be loaded: a configuration error, not a content finding. */
  configFailed: boolean;
}

/** The whole pure pipeline: parse, validate, model, rules, severities. */
export function checkRepository(snapshot: RepositorySnapshot, options: CheckOptions): CheckResult {
  const validators = options.validators ?? createValidators();
  const loaded = requireConfiguredFolders(loadConfig(snapshot.config, validators, options.today), snapshot, snapshot.config.path);
  if (!loaded.config) {
    return { model: undefined, diagnostics: toDiagnostics(loaded.findings, {}), configFailed: true };
  }
  const config: EvidentConfig = loaded.config;
  const built = buildModel(snapshot, { config, locate: loaded.locate }, validators);
  const findings = [...loaded.findings, ...built.findings, ...runRules(built.model, options.rules ?? defaultRules, { today: options.today })];
  return { model: built.model, diagnostics: toDiagnostics(findings, config.rules), configFailed: false };
}

/** Assign severities from the configuration, drop rules turned off, and sort. */
export function toDiagnostics(findings: readonly Finding[], configured: Readonly<Record<string, Severity | 'off'>>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const ruleId = finding.ruleId ?? 'internal';
    const severity = severityOf(ruleId, configured);
    if (severity === 'off') continue;
    diagnostics.push({ ...finding, ruleId, severity, url: ruleDocPath(ruleId) });
  }
  return diagnostics.sort(compareDiagnostics);
}
