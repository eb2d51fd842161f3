import type { Person, UnsealedRecord } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import type { GitHubClient } from '../create-octokit.js';
import type { RecordSigner } from '../create-record-signer.js';
import { appendEvidence, type AppendResult } from '../evidence-store.js';
import { formatRepositoryName, type RepositoryName } from '../repository-name.js';
import { collectBranchRules } from './collect-branch-rules.js';
import { collectChangePopulation } from './collect-change-population.js';

export interface CollectPopulationsOptions {
  repositories: readonly RepositoryName[];
  period: { start: string; end: string };
  people: readonly Person[];
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

export interface CollectPopulationsResult {
  records: UnsealedRecord[];
  append?: AppendResult;
}

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
  if (!options.git) return { records };
  options.onProgress?.(`Appending ${records.length} records to the evidence branch \`${options.branch}\``);
  const append = await appendEvidence(options.git, records, { remote: options.remote ?? 'origin', branch: options.branch, committer: options.committer, ...(options.sign ? { sign: options.sign } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return { records, append };
}
