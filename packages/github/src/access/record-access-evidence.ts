import type { RemediationDays, UnsealedRecord } from '@evident/core';
import { appendCollected, type CollectedAppendOptions, type CollectedRecords } from '../append-collected.js';
import type { GitHubClient } from '../create-octokit.js';
import { formatRepositoryName, type RepositoryName } from '../repository-name.js';
import { collectAccessSnapshot } from './collect-access-snapshot.js';
import { collectVulnerabilityAlerts } from './collect-vulnerability-alerts.js';

export interface RecordAccessOptions extends CollectedAppendOptions {
  repositories: readonly RepositoryName[];
  now: () => Date;
  toolVersion: string;
}

export type RecordAccessResult = CollectedRecords;

/** Take today's access snapshot of the organisation and repositories and append it to the evidence branch (once a day). */
export async function recordAccessSnapshot(client: GitHubClient, options: RecordAccessOptions & { organization?: string }): Promise<RecordAccessResult> {
  const record = await collectAccessSnapshot(client, {
    repositories: options.repositories,
    now: options.now,
    toolVersion: options.toolVersion,
    ...(options.organization ? { organization: options.organization } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return appendCollected([record], options);
}

/** Collect this month's Dependabot and code scanning alerts of each repository and append them (once a month per repository). */
export async function recordVulnerabilityAlerts(client: GitHubClient, options: RecordAccessOptions & { remediation?: { policy: string; remediation_days: RemediationDays } }): Promise<RecordAccessResult> {
  const records: UnsealedRecord[] = [];
  for (const repository of options.repositories) {
    options.onProgress?.(`Reading the Dependabot and code scanning alerts of ${formatRepositoryName(repository)}`);
    records.push(await collectVulnerabilityAlerts(client, { repository, now: options.now, toolVersion: options.toolVersion, ...(options.remediation ? { remediation: options.remediation } : {}) }));
  }
  return appendCollected(records, options);
}
