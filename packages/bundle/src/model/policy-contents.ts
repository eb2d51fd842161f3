import { createHash } from 'node:crypto';
import type { PolicyContent, RepositoryModel } from '@evident/core';
import type { PolicyCommit } from '../bundle-inputs.js';
import type { PolicyVersion } from './policy-versions.js';

/** Git's blob id of a file's bytes (`git hash-object`). */
const blobId = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/**
 * Each policy content git shows on the default branch with the day its commit landed, for readiness:
 * every version in force during the period, and each current policy's content as the latest commit
 * that brought exactly those bytes (when that commit falls outside the period's versions). A policy
 * whose current text no commit brought (uncommitted changes) has no entry. Pure.
 */
export function policyContents(versions: readonly PolicyVersion[], model: Pick<RepositoryModel, 'policies'>, history: readonly PolicyCommit[]): PolicyContent[] {
  const out: PolicyContent[] = versions.map((v) => ({
    policy: v.id,
    version: v.version,
    sha256: v.sha256,
    ...(v.effective !== undefined ? { effective_date: v.effective } : {}),
    status: v.status,
    path: v.path,
    commit: v.commit,
    committed_on: v.from.slice(0, 10),
  }));
  for (const policy of model.policies) {
    const bytes = Buffer.from(policy.source.text, 'utf8');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (out.some((c) => c.policy === policy.id && c.sha256 === sha256)) continue;
    const blob = blobId(bytes);
    // History is newest first: the first commit whose file became these bytes brought the current text.
    const commit = history.find((c) => c.files.some((f) => f.path === policy.source.path && f.blob === blob));
    if (!commit) continue;
    out.push({ policy: policy.id, version: policy.version, sha256, effective_date: policy.effective_date, status: policy.status, path: policy.source.path, commit: commit.commit, committed_on: commit.committed_at.slice(0, 10) });
  }
  return out;
}
