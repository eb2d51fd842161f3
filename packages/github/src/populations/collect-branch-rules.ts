import type { BranchRulesSubject, UnsealedRecord } from '@evident/core';
import { buildUnsealedRecords } from '../build-unsealed-records.js';
import { callGitHub, paginateGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import type { RepositoryName } from '../repository-name.js';

type Rule = BranchRulesSubject['rules'][number];

/** What the active rules mean for change management; several rulesets combine to the strictest. Pure. */
export function summarizeBranchRules(rules: readonly Rule[]): BranchRulesSubject['summary'] {
  const of = (type: string) => rules.filter((r) => r.type === type);
  const pulls = of('pull_request').map((r) => r.parameters ?? {});
  const checks = of('required_status_checks').flatMap((r) => (Array.isArray(r.parameters?.required_status_checks) ? (r.parameters.required_status_checks as { context?: unknown }[]) : []));
  return {
    pull_request_required: pulls.length > 0,
    required_approving_review_count: Math.max(0, ...pulls.map((p) => Number(p.required_approving_review_count ?? 0))),
    dismiss_stale_reviews_on_push: pulls.some((p) => p.dismiss_stale_reviews_on_push === true),
    require_code_owner_review: pulls.some((p) => p.require_code_owner_review === true),
    require_last_push_approval: pulls.some((p) => p.require_last_push_approval === true),
    required_status_checks: [...new Set(checks.map((c) => String(c.context)))].sort(),
    blocks_force_pushes: of('non_fast_forward').length > 0,
    blocks_deletion: of('deletion').length > 0,
  };
}

export interface BranchRulesOptions {
  repository: RepositoryName;
  /** Default: the repository's default branch. */
  branch?: string;
  now: () => Date;
  toolVersion: string;
}

/**
 * Snapshot the rules protecting a branch, as the rules endpoint reports them to a workflow
 * token (the classic branch-protection endpoint needs admin). One record per branch per day.
 */
export async function collectBranchRules(client: GitHubClient, options: BranchRulesOptions): Promise<UnsealedRecord<BranchRulesSubject>> {
  const { owner, repo } = options.repository;
  const log: ApiCallLog = [];
  const fetchedAt = options.now().toISOString();
  let branch = options.branch;
  if (!branch) {
    const { data } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}', { owner, repo });
    branch = String(data.default_branch);
  }
  const raw = await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch });
  const rules: Rule[] = raw.map((r) => ({
    type: String(r.type),
    ...(r.parameters ? { parameters: r.parameters } : {}),
    ...(r.ruleset_source_type ? { ruleset_source_type: r.ruleset_source_type } : {}),
    ...(r.ruleset_source ? { ruleset_source: r.ruleset_source } : {}),
    ...(typeof r.ruleset_id === 'number' ? { ruleset_id: r.ruleset_id } : {}),
  }));
  const decided = { id: `branch-rules/${owner}/${repo}/${branch}/${fetchedAt.slice(0, 10)}`, subject: { branch, rules, summary: summarizeBranchRules(rules) } };
  const [record] = buildUnsealedRecords('branch-rules', [decided], { facts: { repository: `${owner}/${repo}`, fetched_at: fetchedAt, api_calls: log }, recordedAt: fetchedAt, toolVersion: options.toolVersion });
  return record!;
}
