import type { Finding } from '../diagnostic.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { Rule, RuleContext } from './rule.js';

/** Run rules over the model and collect their findings, each tagged with its rule id. */
export function runRules(model: RepositoryModel, ruleList: readonly Rule[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ruleList) {
    rule.check(model, (finding) => findings.push({ ...finding, ruleId: rule.id }), context);
  }
  return findings;
}
