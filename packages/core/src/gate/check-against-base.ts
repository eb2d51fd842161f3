import { toDiagnostics, type CheckResult } from '../check-repository.js';
import type { EvidentConfig } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { requireConfiguredFolders } from '../config/configured-folders.js';
import { buildModel } from '../model/build-model.js';
import { loadFramework } from '../model/load-framework.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { Framework } from '../model/types.js';
import { rules as defaultRules } from '../rules/registry.js';
import type { Rule } from '../rules/rule.js';
import { runRules } from '../rules/run-rules.js';
import type { SourceFile } from '../source-file.js';
import type { Validators } from '../validate/create-validators.js';
import { gateConfig } from './gate-config.js';

export interface CheckAgainstBaseOptions {
  /** Today as YYYY-MM-DD. */
  today: string;
  validators: Validators;
  rules?: readonly Rule[];
  /** The base's framework catalog (`frameworks/soc2/criteria.yaml` as the base has it), when it has one. */
  baseCatalog?: SourceFile | undefined;
}

export interface CheckAgainstBaseResult extends CheckResult {
  /** The head's own evident.yaml, or undefined when it is unusable. */
  headConfig: EvidentConfig | undefined;
  /** Whose rules judged the head: the base's, or the head's own when the base has no usable evident.yaml. */
  rulesFrom: 'base' | 'head';
  /** The framework catalog of each side, when the base's was given; undefined where it did not load. */
  catalogs: { base: Framework | undefined; head: Framework | undefined };
}

/**
 * `checkRepository` for the pull-request gate: the head's documents, judged with the
 * base's rules, scope and required sections (`gateConfig`). The criteria in scope are those of
 * the base's framework catalog in the base's categories, so that editing the catalog (removing
 * a criterion, or moving it to a category out of scope) cannot take a criterion out of the
 * coverage rules or the last-control check of its own pull request; references still resolve
 * against the head's catalog. The head's evident.yaml must still be valid on its own. Pure.
 */
export function checkAgainstBase(snapshot: RepositorySnapshot, baseConfig: EvidentConfig | undefined, options: CheckAgainstBaseOptions): CheckAgainstBaseResult {
  const rulesFrom = baseConfig ? 'base' : 'head';
  const loaded = requireConfiguredFolders(loadConfig(snapshot.config, options.validators), snapshot, snapshot.config.path);
  const catalogs = { base: baseConfig && options.baseCatalog ? loadFramework(options.baseCatalog, undefined, options.validators).framework : undefined, head: undefined as Framework | undefined };
  if (!loaded.config) {
    return { model: undefined, diagnostics: toDiagnostics(loaded.findings, baseConfig?.rules ?? {}), configFailed: true, headConfig: undefined, rulesFrom, catalogs };
  }
  const config = gateConfig(baseConfig, loaded.config);
  const built = buildModel(snapshot, { config, locate: loaded.locate }, options.validators);
  if (catalogs.base) catalogs.head = loadFramework(snapshot.catalog, undefined, options.validators).framework;
  const model = catalogs.base ? inBaseScope(built.model, catalogs.base) : built.model;
  const findings = [...loaded.findings, ...built.findings, ...runRules(model, options.rules ?? defaultRules, { today: options.today })];
  return { model, diagnostics: toDiagnostics(findings, config.rules), configFailed: false, headConfig: loaded.config, rulesFrom, catalogs };
}

/** The model with the criteria in scope taken from the base's catalog (its categories are already the base's). */
function inBaseScope(model: RepositoryModel, baseCatalog: Framework): RepositoryModel {
  return { ...model, criteriaInScope: baseCatalog.criteria.filter((c) => model.categories.has(c.category)) };
}
