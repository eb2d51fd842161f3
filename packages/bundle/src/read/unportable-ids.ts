import { rules, runRules, toDiagnostics, type IsoDate, type RepositoryModel } from '@evident/core';
import { BundleScopeError } from './bundle-scope-error.js';

const PORTABLE_ID_RULE = 'id/portable-name';

/**
 * Policy or control ids that Windows cannot use as a file name (a device name it reserves, such as
 * `aux`): the bundle names pages after ids (`policies/aux.html`), which would not unzip there and which
 * `evident verify` refuses. A refusal listing each finding at its id, whatever severity evident.yaml
 * gives the rule, or undefined. Only current ids are refused, the ones a rename can change: the pages
 * of past versions under an id that is no longer a policy's are named by `policyVersionFolders`, which
 * gives such an id a portable folder of its own. Pure.
 */
export function unportableIds(model: RepositoryModel, today: IsoDate): BundleScopeError | undefined {
  const found = toDiagnostics(runRules(model, rules.filter((r) => r.id === PORTABLE_ID_RULE), { today }), {});
  if (found.length === 0) return undefined;
  return new BundleScopeError(`Unexpected policy or control ids that Windows cannot use as file names (${PORTABLE_ID_RULE}), expected ids the bundle's pages can be named after wherever the auditor unzips it: rename them (\`evident rename policy OLD NEW\`); no bundle was written`, found);
}
