import type { PolicyContent, RepositoryModel } from '@evident/core';
import { simpleGit } from 'simple-git';
import type { AuditPeriod, BundleInputs } from '../bundle-inputs.js';
import { policyContents } from '../model/policy-contents.js';
import { policyVersionSpans } from '../model/policy-version-spans.js';
import { policyVersions } from '../model/policy-versions.js';
import { readPolicyHistory, readPolicyVersionTexts } from './read-policy-history.js';

/**
 * The policy contents git shows on the default branch, with the day each landed, read as `evident
 * bundle` reads them: what readiness needs to date acknowledgment deadlines from the commit that
 * brought a text and to find backdated or reused version numbers. `evident status` passes them to
 * `computeReadiness` so that it gives the bundle's figure. Undefined outside a git repository or
 * when no commit touched the policies: readiness then goes by the frontmatter alone.
 */
export async function readPolicyContents(root: string, model: RepositoryModel, period: AuditPeriod): Promise<PolicyContent[] | undefined> {
  const history = await readPolicyHistory(simpleGit({ baseDir: root }), model.config.paths.policies);
  if (history.length === 0) return undefined;
  const spans = policyVersionSpans(history, period);
  const texts = await readPolicyVersionTexts(root, spans.map((s) => ({ path: s.path, commit: s.commit.commit, blob: s.blob })));
  // Only the history, the period and the current policies are read to list the versions; no approval is needed for contents.
  const inputs = { policyHistory: history, period, model } as Pick<BundleInputs, 'policyHistory' | 'period' | 'model'> as BundleInputs;
  return policyContents(policyVersions({ inputs, approvals: [], exceptions: [] }, texts), model, history);
}
