import { CONFIG_FILE, loadConfig, type ApprovalSubject, type PolicyVersionRef, type Validators } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { manifestPathForBranch } from '../acknowledgment-manifest.js';
import { changedPolicyFiles } from '../changed-policy-files.js';
import { decideApprovals, type ChangedPolicyVersions } from '../decide-approvals.js';
import type { PullRequestFacts } from '../fetch-pull-request-facts.js';
import { readAcknowledgedVersions } from '../read-acknowledged-versions.js';
import { CommitNotFoundError, ensureCommit, readFileAtCommit } from '../read-file-at-commit.js';
import { readPolicyAtCommit } from '../read-policy-at-commit.js';
import { readRosterAtCommit } from '../read-roster-at-commit.js';
import { isApproval } from '../review-verdict.js';
import { foldLogin } from '@evident/core';
import type { AcknowledgmentFacts } from './cross-check-facts.js';

const notFound = (error: unknown) => {
  if (error instanceof CommitNotFoundError) return error.message;
  throw error;
};

/**
 * Decide the approvals of a merged policy change again, as the collector does (decideApprovals):
 * the policy files GitHub lists (the policies folder of evident.yaml at the base commit), read
 * from git at the head and the base, and the roster at the base and the head.
 */
export async function redecideApproval(git: SimpleGit, remote: string, facts: PullRequestFacts, validators: Validators): Promise<{ id: string; subject: ApprovalSubject } | { none: true } | { problem: string }> {
  const { pull } = facts;
  if (!pull.merged) return { none: true };
  const missing = await ensureCommit(git, pull.head_sha, remote, pull.number).then(() => ensureCommit(git, pull.base_sha, remote)).then(() => undefined, notFound);
  if (missing) return { problem: missing };
  const configBytes = await readFileAtCommit(git, pull.base_sha, CONFIG_FILE);
  const config = configBytes ? loadConfig({ path: CONFIG_FILE, text: configBytes.toString('utf8') }, validators).config : undefined;
  if (!config) return { problem: `\`${CONFIG_FILE}\` at the base commit ${pull.base_sha.slice(0, 12)} cannot be read, so the policies folder is unknown` };
  const versions: ChangedPolicyVersions[] = [];
  for (const file of changedPolicyFiles(facts.files, config.paths.policies)) {
    const side = file.change === 'removed' ? pull.base_sha : pull.head_sha;
    const bound = await readPolicyAtCommit(git, side, file.path, validators);
    const before = file.basePath ? await readPolicyAtCommit(git, pull.base_sha, file.basePath, validators) : undefined;
    if (!bound) return { problem: `policy file \`${file.path}\` is missing at ${side.slice(0, 12)}, although GitHub lists it as ${file.change}` };
    versions.push({ change: file.change, bound, ...(before ? { before } : {}) });
  }
  const decision = decideApprovals(facts, versions, await readRosterAtCommit(git, pull.base_sha, validators), await readRosterAtCommit(git, pull.head_sha, validators));
  return decision.approval ?? { none: true };
}

/**
 * The roster at an acknowledgment pull request's base commit, and what each commit a review approved
 * acknowledges, read as the collector reads it (readAcknowledgedVersions): the manifest there, its base
 * on the first-parent line of the default branch up to the pull request's base commit, each policy's
 * id, version and SHA-256 as the default branch held it at that base, and the same bytes at the commit.
 */
export async function readAcknowledgmentFacts(git: SimpleGit, remote: string, facts: Pick<PullRequestFacts, 'pull' | 'reviews'>, defaultBranch: string, validators: Validators): Promise<AcknowledgmentFacts> {
  const { pull } = facts;
  const manifests = new Map<string, Omit<PolicyVersionRef, 'commit'>[] | { problem: string }>();
  const people = new Map<string, string>();
  const missingBase = await ensureCommit(git, pull.base_sha, remote).then(() => undefined, notFound);
  let rosterProblem = missingBase;
  if (!missingBase) {
    const roster = await readRosterAtCommit(git, pull.base_sha, validators);
    if (roster.problem) rosterProblem = roster.problem;
    for (const person of roster.people) people.set(foldLogin(person.github), person.id);
  }
  const manifestPath = manifestPathForBranch(pull.head_ref);
  for (const commit of new Set(facts.reviews.filter((r) => isApproval(r.state) && r.commit_id).map((r) => r.commit_id!))) {
    const missing = missingBase ?? (await ensureCommit(git, commit, remote, pull.number).then(() => undefined, notFound));
    if (missing) {
      manifests.set(commit, { problem: missing });
      continue;
    }
    const versions = await readAcknowledgedVersions(git, commit, manifestPath, validators, { ref: defaultBranch, commit: pull.base_sha });
    manifests.set(commit, 'problem' in versions ? versions : versions.policies.map(({ commit: _commit, ...policy }) => policy));
  }
  return { rosterCommit: pull.base_sha, people, ...(rosterProblem ? { rosterProblem } : {}), manifests };
}
