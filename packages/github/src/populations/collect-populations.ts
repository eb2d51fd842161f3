import type { Person, UnsealedRecord } from '@evident/core';
import { appendCollected, type CollectedAppendOptions, type CollectedRecords } from '../append-collected.js';
import type { GitHubClient } from '../create-octokit.js';
import { formatRepositoryName, type RepositoryName } from '../repository-name.js';
import { collectBranchRules } from './collect-branch-rules.js';
import { collectChangePopulation } from './collect-change-population.js';

export interface CollectPopulationsOptions extends CollectedAppendOptions {
  repositories: readonly RepositoryName[];
  period: { start: string; end: string };
  people: readonly Person[];
  now: () => Date;
  toolVersion: string;
}

export type CollectPopulationsResult = CollectedRecords;

/**
 * For each repository: its change-management population over the period and a snapshot of the
 * rules protecting its default branch. Everything is read before anything is written, and the
 * records are appended to the evidence branch in one commit.
 */
export async function collectPopulations(client: GitHubClient, options: CollectPopulationsOptions): Promise<CollectPopulationsResult> {
  const records: UnsealedRecord[] = [];
  for (const repository of options.repositories) {
    const common = { repository, now: options.now, toolVersion: options.toolVersion };
    records.push(await collectChangePopulation(client, { ...common, period: options.period, people: options.people, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
    options.onProgress?.(`Reading the rules protecting the default branch of ${formatRepositoryName(repository)}`);
    records.push(await collectBranchRules(client, common));
  }
  return appendCollected(records, options);
}
