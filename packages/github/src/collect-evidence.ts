import { accessReviewControl, createValidators, type RepositoryModel, type UnsealedRecord, type Validators } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { isAcknowledgmentBranch, manifestPathForBranch } from './acknowledgment-manifest.js';
import { isAccessReviewBranch } from './access/access-review-branch.js';
import { decideAccessReview } from './access/decide-access-review.js';
import { readAccessReviewFile } from './access/read-access-review-file.js';
import { readAccessSnapshots } from './access/read-access-snapshots.js';
import { buildUnsealedRecords, type RecordContext } from './build-unsealed-records.js';
import { changedPolicyFiles } from './changed-policy-files.js';
import { createEvidenceRecordValidator, type EvidenceRecordValidator } from './create-evidence-record-validator.js';
import type { GitHubClient } from './create-octokit.js';
import { decideAcknowledgments, type VersionsAtCommit } from './decide-acknowledgments.js';
import { decideApprovals, type ChangedPolicyVersions } from './decide-approvals.js';
import type { RecordSigner } from './create-record-signer.js';
import { appendEvidence, type AppendResult } from './evidence-store.js';
import { fetchPullRequestFacts, type PullRequestFacts } from './fetch-pull-request-facts.js';
import { findPersonByLogin } from './find-person-by-login.js';
import { campaignOriginRefusal, fetchPullRequestOrigin } from './pull-request-origin.js';
import { readAcknowledgedVersions } from './read-acknowledged-versions.js';
import { CommitNotFoundError, ensureCommit } from './read-file-at-commit.js';
import { readPolicyAtCommit } from './read-policy-at-commit.js';
import { readRosterAtCommit } from './read-roster-at-commit.js';
import type { RepositoryName } from './repository-name.js';
import { isApproval } from './review-verdict.js';

export interface CollectOptions {
  repository: RepositoryName;
  pullNumber: number;
  /** The validated repository (roster, teams, paths). Policy approvals take the roster and teams at the pull request's base commit instead. */
  model: RepositoryModel;
  /** The checkout: policy bytes are read from its git objects, and the evidence branch is written through it. */
  git: SimpleGit;
  /** Remote of the evidence branch (default `origin`). */
  remote?: string;
  /** Evidence branch (default: evident.yaml `evidence.branch`). */
  branch?: string;
  committer: { name: string; email: string };
  now: () => Date;
  toolVersion: string;
  validators?: Validators;
  recordValidator?: EvidenceRecordValidator;
  /** Signs each record appended (docs/evidence.md#signed-records). */
  sign?: RecordSigner;
  onProgress?: (message: string) => void;
}

export interface CollectResult {
  kind: 'policy-approval' | 'policy-acknowledgment' | 'access-review-approval' | 'none';
  /** Why nothing was collected, when `kind` is `none`. */
  reason?: string;
  /** Records decided (before sealing), in the order they are appended. */
  records: UnsealedRecord[];
  /** What the evidence branch received; undefined when there was nothing to record. */
  append?: AppendResult;
  /** Policies the merged pull request changed without every required approval. */
  unapproved: string[];
}

/**
 * Collect the evidence of one pull request: approvals of a merged policy change, the
 * acknowledgments of an acknowledgment pull request, or the sign-off of an access review. Everything is read (GitHub, then git)
 * and decided before anything is written: a failure leaves no partial record.
 */
export async function collectEvidence(client: GitHubClient, options: CollectOptions): Promise<CollectResult> {
  const remote = options.remote ?? 'origin';
  const validators = options.validators ?? createValidators();
  const progress = options.onProgress ?? (() => {});
  progress(`Reading pull request #${options.pullNumber} of ${options.repository.owner}/${options.repository.repo} from GitHub`);
  const read = (needsPermissions: (pull: { head_ref: string }) => boolean) => fetchPullRequestFacts(client, { repository: options.repository, pullNumber: options.pullNumber, now: options.now, needsPermissions });
  let facts = await read((pull) => !isAcknowledgmentBranch(pull.head_ref) && !isAccessReviewBranch(pull.head_ref));
  let campaign = isAcknowledgmentBranch(facts.pull.head_ref) ? 'an acknowledgment pull request' : isAccessReviewBranch(facts.pull.head_ref) ? 'an access review pull request' : undefined;
  if (campaign && facts.pull.merged && changedPolicyFiles(facts.files, options.model.config.paths.policies).length > 0) {
    // A merged change to a policy is a policy change, whatever its branch is called: its approvals are collected.
    progress(`Pull request #${facts.pull.number} is merged and changes policies: reading it again with its approvers' permissions`);
    facts = await read(() => true);
    campaign = undefined;
  }
  const context: RecordContext = { facts, recordedAt: options.now().toISOString(), toolVersion: options.toolVersion };

  let kind: CollectResult['kind'];
  let records: UnsealedRecord[];
  let unapproved: string[] = [];
  if (campaign) {
    // The branch name alone proves nothing: anyone can name a fork's branch so. Only a branch of the
    // repository itself (people who can push), opened against the default branch, is a campaign.
    progress(`Checking that pull request #${facts.pull.number} comes from a branch of ${facts.repository} and targets its default branch`);
    const refusal = campaignOriginRefusal(facts, await fetchPullRequestOrigin(client, facts), campaign);
    if (refusal) return { kind: 'none', reason: refusal, records: [], unapproved };
  }
  if (campaign && isAcknowledgmentBranch(facts.pull.head_ref)) {
    kind = 'policy-acknowledgment';
    const versions = await readVersionsOfApprovals(facts, options.git, remote, options.model, validators, progress);
    const decision = decideAcknowledgments(facts, versions, options.model);
    records = [...buildUnsealedRecords('policy-acknowledgment', decision.acknowledgments, context), ...buildUnsealedRecords('exception', decision.exceptions, context)];
  } else if (campaign && isAccessReviewBranch(facts.pull.head_ref)) {
    kind = 'access-review-approval';
    progress(`Reading the access review file at ${facts.pull.head_sha.slice(0, 12)}`);
    const file = await readAccessReviewFile(client, facts);
    progress('Reading the access snapshots the review file may name from the evidence branch');
    const snapshots = await readAccessSnapshots(options.git, { remote, branch: options.branch ?? options.model.config.evidence.branch });
    const decision = decideAccessReview(facts, file, options.model, accessReviewControl(options.model), snapshots);
    records = [...buildUnsealedRecords('access-review-approval', decision.approval ? [decision.approval] : [], context), ...buildUnsealedRecords('exception', decision.exceptions, context)];
  } else if (!facts.pull.merged) {
    return { kind: 'none', reason: `pull request #${facts.pull.number} is not merged and is not an acknowledgment or access review pull request`, records: [], unapproved };
  } else {
    const changed = changedPolicyFiles(facts.files, options.model.config.paths.policies);
    if (changed.length === 0) return { kind: 'none', reason: `pull request #${facts.pull.number} changes no policy under \`${options.model.config.paths.policies}/\``, records: [], unapproved };
    kind = 'policy-approval';
    progress(`Reading ${changed.length} changed polic${changed.length === 1 ? 'y' : 'ies'} from git at ${facts.pull.head_sha.slice(0, 12)}`);
    await ensureCommit(options.git, facts.pull.head_sha, remote, facts.pull.number);
    await ensureCommit(options.git, facts.pull.base_sha, remote);
    const versions: ChangedPolicyVersions[] = [];
    for (const file of changed) {
      const side = file.change === 'removed' ? facts.pull.base_sha : facts.pull.head_sha;
      const bound = await readPolicyAtCommit(options.git, side, file.path, validators);
      const before = file.basePath ? await readPolicyAtCommit(options.git, facts.pull.base_sha, file.basePath, validators) : undefined;
      if (!bound) throw new Error(`Policy file \`${file.path}\` is missing at ${side}, although GitHub lists it as ${file.change}`);
      versions.push({ change: file.change, bound, ...(before ? { before } : {}) });
    }
    // Who is who comes from the base, as the approvers do: a pull request cannot give a required approver a login of its choosing.
    const roster = await readRosterAtCommit(options.git, facts.pull.base_sha, validators);
    const headRoster = await readRosterAtCommit(options.git, facts.pull.head_sha, validators);
    const decision = decideApprovals(facts, versions, roster, headRoster);
    unapproved = decision.approval?.subject.policies.filter((p) => !p.approved).map((p) => p.id) ?? [];
    records = [...buildUnsealedRecords('policy-approval', decision.approval ? [decision.approval] : [], context), ...buildUnsealedRecords('exception', decision.exceptions, context)];
  }

  if (records.length === 0) return { kind, reason: 'nothing to record yet', records, unapproved };
  const branch = options.branch ?? options.model.config.evidence.branch;
  progress(`Appending ${records.length} record${records.length === 1 ? '' : 's'} to evidence branch \`${branch}\``);
  const append = await appendEvidence(options.git, records, {
    remote,
    branch,
    committer: options.committer,
    validate: options.recordValidator ?? createEvidenceRecordValidator(),
    ...(options.sign ? { sign: options.sign } : {}),
    onProgress: progress,
  });
  return { kind, records, append, unapproved };
}

/**
 * For each commit a roster member approved, the policy versions named there, as the default branch
 * has them (the pull request's base, which the caller checked is the default branch).
 */
async function readVersionsOfApprovals(
  facts: PullRequestFacts,
  git: SimpleGit,
  remote: string,
  model: RepositoryModel,
  validators: Validators,
  progress: (message: string) => void,
): Promise<Map<string, VersionsAtCommit>> {
  const commits = new Set<string>();
  for (const review of facts.reviews) {
    if (isApproval(review.state) && review.commit_id && findPersonByLogin(model.people, review.login)) commits.add(review.commit_id);
  }
  const manifestPath = manifestPathForBranch(facts.pull.head_ref);
  const versions = new Map<string, VersionsAtCommit>();
  if (commits.size === 0) return versions;
  // A campaign adds its manifest and nothing else: policies are acknowledged as the default branch has them.
  const changed = changedPolicyFiles(facts.files, model.config.paths.policies);
  if (changed.length > 0) {
    const problem = `the pull request changes ${changed.map((f) => `\`${f.path}\``).join(', ')}: an acknowledgment pull request only adds its manifest, and policies are acknowledged as they are on \`${facts.pull.base_ref}\``;
    for (const commit of commits) versions.set(commit, { problem });
    return versions;
  }
  progress(`Reading what was acknowledged at ${commits.size} commit${commits.size === 1 ? '' : 's'}`);
  // The head and the base must be readable: if they are not, git itself is unavailable and nothing is recorded.
  await ensureCommit(git, facts.pull.head_sha, remote, facts.pull.number);
  await ensureCommit(git, facts.pull.base_sha, remote);
  const defaultBranch = { ref: facts.pull.base_ref, commit: facts.pull.base_sha };
  for (const commit of commits) {
    const available = await ensureCommit(git, commit, remote, facts.pull.number).then(
      () => true,
      (error: unknown) => {
        if (error instanceof CommitNotFoundError) return false;
        throw error;
      },
    );
    versions.set(commit, available ? await readAcknowledgedVersions(git, commit, manifestPath, validators, defaultBranch) : { problem: `commit ${commit} no longer exists in the repository` });
  }
  return versions;
}
