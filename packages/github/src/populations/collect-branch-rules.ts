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

/** The active rules of a branch, as the rules endpoint lists them to a workflow token. */
export async function readBranchRules(client: GitHubClient, log: ApiCallLog, params: { owner: string; repo: string; branch: string }): Promise<Rule[]> {
  const raw = await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/rules/branches/{branch}', params);
  return raw.map((r) => ({
    type: String(r.type),
    ...(r.parameters ? { parameters: r.parameters } : {}),
    ...(r.ruleset_source_type ? { ruleset_source_type: r.ruleset_source_type } : {}),
    ...(r.ruleset_source ? { ruleset_source: r.ruleset_source } : {}),
    ...(typeof r.ruleset_id === 'number' ? { ruleset_id: r.ruleset_id } : {}),
  }));
}

/** Bypass actors of a ruleset GitHub does not show to the token (it needs admin rights on the rulesets). */
export const NOT_VISIBLE = 'not visible to this token' as const;
type Ruleset = NonNullable<BranchRulesSubject['rulesets']>[number];

/**
 * Each ruleset the rules come from, with who may bypass it. GitHub lists `bypass_actors` only to
 * tokens that may edit the ruleset; otherwise (or when the ruleset cannot be read) they are
 * recorded as not visible to this token, never as an empty list.
 */
export async function readRulesets(client: GitHubClient, log: ApiCallLog, params: { owner: string; repo: string }, rules: readonly Rule[]): Promise<Ruleset[]> {
  const ids = [...new Set(rules.map((r) => r.ruleset_id).filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
  const out: Ruleset[] = [];
  for (const ruleset_id of ids) {
    const { data } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', { ...params, ruleset_id }, [403, 404]);
    const actors = Array.isArray(data?.bypass_actors)
      ? (data.bypass_actors as { actor_type?: unknown; actor_id?: unknown; bypass_mode?: unknown }[]).map((a) => ({ actor_type: String(a.actor_type), actor_id: typeof a.actor_id === 'number' ? a.actor_id : null, bypass_mode: String(a.bypass_mode ?? 'always') }))
      : NOT_VISIBLE;
    const from = rules.find((r) => r.ruleset_id === ruleset_id);
    out.push({
      id: ruleset_id,
      ...(typeof data?.name === 'string' ? { name: data.name } : {}),
      ...(from?.ruleset_source_type ? { source_type: from.ruleset_source_type } : {}),
      ...(from?.ruleset_source ? { source: from.ruleset_source } : {}),
      bypass_actors: actors,
    });
  }
  return out;
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
 * token (the classic branch-protection endpoint needs admin), and who may bypass each ruleset
 * they come from. One record per branch per day.
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
  const rules = await readBranchRules(client, log, { owner, repo, branch });
  const rulesets = await readRulesets(client, log, { owner, repo }, rules);
  const decided = { id: `branch-rules/${owner}/${repo}/${branch}/${fetchedAt.slice(0, 10)}`, subject: { branch, rules, rulesets, summary: summarizeBranchRules(rules) } };
  const [record] = buildUnsealedRecords('branch-rules', [decided], { facts: { repository: `${owner}/${repo}`, fetched_at: fetchedAt, api_calls: log }, recordedAt: fetchedAt, toolVersion: options.toolVersion });
  return record!;
}
