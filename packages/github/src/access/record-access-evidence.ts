import type { RemediationDays, UnsealedRecord } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import type { GitHubClient } from '../create-octokit.js';
import type { RecordSigner } from '../create-record-signer.js';
import { appendEvidence, type AppendResult } from '../evidence-store.js';
import { formatRepositoryName, type RepositoryName } from '../repository-name.js';
import { collectAccessSnapshot } from './collect-access-snapshot.js';
import { collectVulnerabilityAlerts } from './collect-vulnerability-alerts.js';

export interface RecordAccessOptions {
  repositories: readonly RepositoryName[];
  now: () => Date;
  toolVersion: string;
  /** The checkout the evidence branch is written through; without it nothing is written (a dry run). */
  git?: SimpleGit;
  remote?: string;
  branch: string;
  committer: { name: string; email: string };
  /** Signs each record appended (docs/evidence.md#signed-records). */
  sign?: RecordSigner;
  onProgress?: (message: string) => void;
}

export interface RecordAccessResult {
  records: UnsealedRecord[];
  append?: AppendResult;
}

async function append(records: UnsealedRecord[], options: RecordAccessOptions): Promise<RecordAccessResult> {
  if (!options.git) return { records };
  options.onProgress?.(`Appending ${records.length} record${records.length === 1 ? '' : 's'} to the evidence branch \`${options.branch}\``);
  const appended = await appendEvidence(options.git, records, { remote: options.remote ?? 'origin', branch: options.branch, committer: options.committer, ...(options.sign ? { sign: options.sign } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return { records, append: appended };
}

/** Take today's access snapshot of the organisation and repositories and append it to the evidence branch (once a day). */
export async function recordAccessSnapshot(client: GitHubClient, options: RecordAccessOptions & { organization?: string }): Promise<RecordAccessResult> {
  const record = await collectAccessSnapshot(client, {
    repositories: options.repositories,
    now: options.now,
    toolVersion: options.toolVersion,
    ...(options.organization ? { organization: options.organization } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return append([record], options);
}

/** Collect this month's Dependabot and code scanning alerts of each repository and append them (once a month per repository). */
export async function recordVulnerabilityAlerts(client: GitHubClient, options: RecordAccessOptions & { remediation?: { policy: string; remediation_days: RemediationDays } }): Promise<RecordAccessResult> {
  const records: UnsealedRecord[] = [];
  for (const repository of options.repositories) {
    options.onProgress?.(`Reading the Dependabot and code scanning alerts of ${formatRepositoryName(repository)}`);
    records.push(await collectVulnerabilityAlerts(client, { repository, now: options.now, toolVersion: options.toolVersion, ...(options.remediation ? { remediation: options.remediation } : {}) }));
  }
  return append(records, options);
}
