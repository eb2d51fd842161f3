import { rules, runRules, toDiagnostics, type IsoDate, type RepositoryModel } from '@evident/core';
import { BundleScopeError } from './bundle-scope-error.js';

const PORTABLE_NAME_RULE = 'evidence/portable-name';

/**
 * Evidence names that two files share on macOS or Windows (letter case, Unicode form), or that those
 * systems cannot write: unzipped there, one evidence file would replace another, or the bundle would not
 * unzip. A refusal listing each finding at its file, whatever severity evident.yaml gives the rule, or
 * undefined. Pure.
 */
export function unportableEvidence(model: RepositoryModel, today: IsoDate): BundleScopeError | undefined {
  const found = toDiagnostics(runRules(model, rules.filter((r) => r.id === PORTABLE_NAME_RULE), { today }), {});
  if (found.length === 0) return undefined;
  return new BundleScopeError(`Unexpected evidence names that macOS or Windows cannot keep apart or write (${PORTABLE_NAME_RULE}), expected each evidence file to keep its own name wherever the auditor unzips the bundle: rename them; no bundle was written`, found);
}
