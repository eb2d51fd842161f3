import type { Finding } from '../diagnostic.js';
import type { RepositoryModel } from '../model/repository-model.js';

/** What a rule receives besides the model: the clock is a parameter, never read. */
export interface RuleContext {
  /** Today, as YYYY-MM-DD. */
  today: string;
}

export type Report = (finding: Omit<Finding, 'ruleId'>) => void;

/** One rule, one module: `check` reports findings about the model, and never decides their severity. */
export interface Rule {
  id: string;
  description: string;
  check(model: RepositoryModel, report: Report, context: RuleContext): void;
}
