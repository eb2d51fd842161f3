import type { PolicyContent, RepositoryModel } from '@evident/core';
import { simpleGit } from 'simple-git';
import type { AuditPeriod, BundleInputs } from '../bundle-inputs.js';
import { collectedAfterCommit, type FalseEvidence } from '../model/collected-after-commit.js';
import { policyContents } from '../model/policy-contents.js';
import { policyVersionSpans } from '../model/policy-version-spans.js';
import { policyVersions } from '../model/policy-versions.js';
import { readEvidenceCommits } from './read-evidence-commits.js';
import { readPolicyHistory, readPolicyVersionTexts } from './read-policy-history.js';
import { ShallowHistoryError } from './shallow-history-error.js';

/**
 * What `readPolicyContents` read: the contents, or a note saying why the history was not read
 * though the repository has one (the clone is shallow). Neither outside a git repository or when no
 * commit touched the policies: readiness then goes by the frontmatter alone, and there is nothing to fix.
 */
export interface PolicyContentsRead {
  contents?: PolicyContent[];
  /**
   * Evidence items whose `collected_at` is later than the commit that added their metadata
   * (`collected-after-commit`), from the same pass over the evidence folder's history as the bundle's;
   * absent outside a git repository and in a shallow clone.
   */
  falseEvidence?: FalseEvidence[];
  /** The history is not read because the clone is shallow: one line saying so and how to fix it. */
  note?: string;
}

/** The note of a shallow clone, whose history would date every policy version and evidence file from its one commit. */
const SHALLOW_CLONE_NOTE =
  "This clone is shallow, so the policies' git history is not read and readiness goes by their frontmatter alone (acknowledgments due from the `effective_date` they state; no `backdated-policy-version` or `reused-policy-version`), nor the evidence's (no `collected-after-commit`): run `git fetch --unshallow` to read it";

/**
 * The policy contents git shows on the default branch, with the day each landed, read as `evident
 * bundle` reads them: what readiness needs to date acknowledgment deadlines from the commit that
 * brought a text and to find backdated or reused version numbers, and the evidence whose stated
 * collection date is later than its commit. `evident status` passes them to `computeReadiness` so that
 * it gives the bundle's figure. No contents outside a git repository,
 * when no commit touched the policies, or in a shallow clone (with a note: its history would make
 * its oldest commit seem to add every policy): readiness then goes by the frontmatter alone.
 */
export async function readPolicyContents(root: string, model: RepositoryModel, period: AuditPeriod): Promise<PolicyContentsRead> {
  const git = simpleGit({ baseDir: root });
  let history;
  try {
    history = await readPolicyHistory(git, model.config.paths.policies);
  } catch (error) {
    if (error instanceof ShallowHistoryError) return { note: SHALLOW_CLONE_NOTE };
    throw error;
  }
  const commits = await readEvidenceCommits(git, model.evidence.folder);
  const evidence = commits ? { falseEvidence: collectedAfterCommit(model, commits, period) } : {};
  if (history.length === 0) return evidence;
  const spans = policyVersionSpans(history, period);
  const texts = await readPolicyVersionTexts(root, spans.map((s) => ({ path: s.path, commit: s.commit.commit, blob: s.blob })));
  // Only the history, the period and the current policies are read to list the versions; no approval is needed for contents.
  const inputs = { policyHistory: history, period, model } as Pick<BundleInputs, 'policyHistory' | 'period' | 'model'> as BundleInputs;
  return { contents: policyContents(policyVersions({ inputs, approvals: [], exceptions: [] }, texts), model, history), ...evidence };
}
