import type { PolicyVersionRef, Validators } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { parseAcknowledgmentManifest } from './acknowledgment-manifest.js';
import type { VersionsAtCommit } from './decide-acknowledgments.js';
import { readFileAtCommit } from './read-file-at-commit.js';
import { readPolicyAtCommit } from './read-policy-at-commit.js';

/**
 * The policy versions an acknowledgment pull request named at a commit: the manifest's policies,
 * each hashed from git at that commit. A policy whose content differs from what the manifest
 * names makes the whole commit a problem, never a silent acknowledgment of other text.
 */
export async function readAcknowledgedVersions(git: SimpleGit, commit: string, manifestPath: string, validators: Pick<Validators, 'policy'>): Promise<VersionsAtCommit> {
  const bytes = await readFileAtCommit(git, commit, manifestPath);
  if (!bytes) return { problem: `the manifest \`${manifestPath}\` does not exist` };
  const manifest = parseAcknowledgmentManifest(bytes.toString('utf8'));
  if (typeof manifest === 'string') return { problem: manifest };
  const policies: PolicyVersionRef[] = [];
  for (const entry of manifest.policies) {
    const policy = await readPolicyAtCommit(git, commit, entry.path, validators);
    if (!policy) return { problem: `the policy file \`${entry.path}\` does not exist` };
    if (!policy.data) return { problem: `\`${entry.path}\` is not a valid policy: ${policy.problem ?? ''}` };
    if (policy.data.id !== entry.id || policy.data.version !== entry.version || policy.sha256 !== entry.sha256) {
      return { problem: `\`${entry.path}\` (policy \`${policy.data.id}\` ${policy.data.version}, SHA-256 ${policy.sha256.slice(0, 12)}) differs from what the manifest names (\`${entry.id}\` ${entry.version}, ${entry.sha256.slice(0, 12)})` };
    }
    policies.push({ id: entry.id, version: entry.version, path: entry.path, commit, sha256: policy.sha256 });
  }
  return { policies };
}
