import { sha256Hex, type PolicyVersionRef, type Validators } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { parseAcknowledgmentManifest } from './acknowledgment-manifest.js';
import type { VersionsAtCommit } from './decide-acknowledgments.js';
import { readFileAtCommit } from './read-file-at-commit.js';
import { readPolicyAtCommit } from './read-policy-at-commit.js';

/** The default branch and the pull request's base commit on it, as GitHub reports them (not as the pull request's files say). */
export interface DefaultBranchAt {
  ref: string;
  commit: string;
}

/**
 * The policy versions an acknowledgment pull request named at a commit. A campaign asks people to
 * acknowledge policies as they are on the default branch: the manifest's base must be the default
 * branch at a commit on its first-parent line up to the pull request's base commit, each policy
 * the manifest names must have, at that base, exactly the id, version and SHA-256 the manifest
 * names, and the file at the reviewed commit must be those same bytes. Anything else makes the
 * whole commit a problem, never an acknowledgment of text the default branch never held.
 */
export async function readAcknowledgedVersions(git: SimpleGit, commit: string, manifestPath: string, validators: Pick<Validators, 'policy'>, defaultBranch: DefaultBranchAt): Promise<VersionsAtCommit> {
  const bytes = await readFileAtCommit(git, commit, manifestPath);
  if (!bytes) return { problem: `the manifest \`${manifestPath}\` does not exist` };
  const manifest = parseAcknowledgmentManifest(bytes.toString('utf8'));
  if (typeof manifest === 'string') return { problem: manifest };
  const base = manifest.base;
  if (base?.ref !== defaultBranch.ref) return { problem: `the manifest names base \`${String(base?.ref)}\`, not the default branch \`${defaultBranch.ref}\`` };
  if (typeof base.commit !== 'string' || !(await isOnFirstParentLine(git, base.commit, defaultBranch.commit))) {
    return { problem: `the manifest's base commit ${String(base.commit)} is not a commit of the default branch \`${defaultBranch.ref}\` (up to ${defaultBranch.commit})` };
  }
  const onDefault = `on the default branch \`${defaultBranch.ref}\` at ${base.commit}`;
  const policies: PolicyVersionRef[] = [];
  for (const entry of manifest.policies) {
    const policy = await readPolicyAtCommit(git, base.commit, entry.path, validators);
    if (!policy) return { problem: `the policy file \`${entry.path}\` does not exist ${onDefault}` };
    if (!policy.data) return { problem: `\`${entry.path}\` ${onDefault} is not a valid policy: ${policy.problem ?? ''}` };
    if (policy.data.id !== entry.id || policy.data.version !== entry.version || policy.sha256 !== entry.sha256) {
      return { problem: `\`${entry.path}\` ${onDefault} (policy \`${policy.data.id}\` ${policy.data.version}, SHA-256 ${policy.sha256.slice(0, 12)}) differs from what the manifest names (\`${entry.id}\` ${entry.version}, ${entry.sha256.slice(0, 12)})` };
    }
    const reviewed = await readFileAtCommit(git, commit, entry.path);
    if (!reviewed) return { problem: `the pull request removes \`${entry.path}\`` };
    const reviewedSha = sha256Hex(reviewed);
    if (reviewedSha !== policy.sha256) {
      return { problem: `the pull request changes \`${entry.path}\` (SHA-256 ${reviewedSha.slice(0, 12)} there, ${policy.sha256.slice(0, 12)} ${onDefault})` };
    }
    policies.push({ id: entry.id, version: entry.version, path: entry.path, commit, sha256: policy.sha256 });
  }
  return { policies };
}

/** Whether `commit` is `tip` or one of its first parents, back to the root (the commits the branch pointed at, barring a rewrite). */
async function isOnFirstParentLine(git: SimpleGit, commit: string, tip: string): Promise<boolean> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) return false;
  const line = await git.raw(['rev-list', '--first-parent', tip]);
  return line.split('\n').includes(commit);
}
