import { canonicalJson, sha256Hex, type BranchRulesSubject, type ChangePopulationSubject, type Person, type UnsealedRecord } from '@evident/core';
import { buildUnsealedRecords } from '../build-unsealed-records.js';
import { callGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import { fetchReviews } from '../fetch-reviews.js';
import type { RepositoryName } from '../repository-name.js';
import { readBranchRules, summarizeBranchRules } from './collect-branch-rules.js';
import { decideChangePopulation, type MergedPullFacts } from './decide-change-population.js';
import { fetchStatusChecks } from './fetch-status-checks.js';

export interface PopulationOptions {
  repository: RepositoryName;
  /** Both ends inclusive, YYYY-MM-DD; a pull request belongs to it by the UTC date of `merged_at`. */
  period: { start: string; end: string };
  /** The roster, to name authors and reviewers. */
  people: readonly Person[];
  now: () => Date;
  toolVersion: string;
  onProgress?: (message: string) => void;
}

const PER_PAGE = 100;
const inPeriod = (mergedAt: string | null | undefined, period: { start: string; end: string }) => typeof mergedAt === 'string' && mergedAt.slice(0, 10) >= period.start && mergedAt.slice(0, 10) <= period.end;

/**
 * Read every pull request merged during the period (closed pull requests, most recently
 * updated first, stopping at the first page updated entirely before the period), then each
 * one's merger, description, reviews and the status checks at its head, and the rules of each
 * base branch. Returns the `change-population` record, unsealed.
 */
export async function collectChangePopulation(client: GitHubClient, options: PopulationOptions): Promise<UnsealedRecord<ChangePopulationSubject>> {
  const { owner, repo } = options.repository;
  const progress = options.onProgress ?? (() => {});
  const log: ApiCallLog = [];
  const fetchedAt = options.now().toISOString();
  const candidates: number[] = [];
  for (let page = 1; ; page += 1) {
    progress(`Listing closed pull requests of ${owner}/${repo} (page ${page})`);
    const { data } = await callGitHub<any[]>(client, log, 'GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'closed', sort: 'updated', direction: 'desc', per_page: PER_PAGE, page });
    const items = data ?? [];
    for (const item of items) if (inPeriod(item.merged_at, options.period)) candidates.push(item.number);
    if (items.length < PER_PAGE || items.every((item) => String(item.updated_at).slice(0, 10) < options.period.start)) break;
  }
  const numbers = [...new Set(candidates)].sort((a, b) => a - b);
  const rulesOf = new Map<string, Promise<BranchRulesSubject['summary']>>();
  const rulesFor = (branch: string) => {
    if (!rulesOf.has(branch)) rulesOf.set(branch, readBranchRules(client, log, { owner, repo, branch }).then(summarizeBranchRules));
    return rulesOf.get(branch)!;
  };
  const pulls: MergedPullFacts[] = [];
  for (const [index, pull_number] of numbers.entries()) {
    progress(`Reading pull request #${pull_number} of ${owner}/${repo} (${index + 1} of ${numbers.length})`);
    const { data: pr } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number });
    const reviews = await fetchReviews(client, log, { owner, repo, pull_number });
    const checks = await fetchStatusChecks(client, log, { owner, repo, ref: pr.head.sha });
    const rules = await rulesFor(pr.base.ref);
    pulls.push({
      number: pr.number,
      url: pr.html_url,
      title: pr.title,
      body: pr.body ?? null,
      author: pr.user?.login ?? 'ghost',
      base: pr.base.ref,
      head_sha: pr.head.sha,
      merge_commit_sha: pr.merge_commit_sha ?? null,
      merged_at: pr.merged_at,
      merged_by: pr.merged_by?.login ?? null,
      reviews,
      checks,
      rules,
    });
  }
  const subject = decideChangePopulation(pulls, options.period, options.people);
  // Same content, same id: collecting a finished period twice adds nothing; new merges make a new record.
  const id = `change-population/${owner}/${repo}/${options.period.start}..${options.period.end}/${sha256Hex(canonicalJson(subject)).slice(0, 12)}`;
  const [record] = buildUnsealedRecords('change-population', [{ id, subject }], { facts: { repository: `${owner}/${repo}`, fetched_at: fetchedAt, api_calls: log }, recordedAt: fetchedAt, toolVersion: options.toolVersion });
  return record!;
}
