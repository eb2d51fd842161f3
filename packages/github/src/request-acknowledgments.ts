import { createValidators, type Policy, type RepositoryModel, type Validators } from '@evident/core';
import { acknowledgmentAudience, isActive } from './acknowledgment-audience.js';
import { acknowledgmentCampaign, renderAcknowledgmentManifest, type AcknowledgmentCampaign, type AcknowledgmentManifest } from './acknowledgment-manifest.js';
import { callGitHub, type ApiCallLog } from './call-github.js';
import type { GitHubClient } from './create-octokit.js';
import { fetchReviews } from './fetch-reviews.js';
import { policyFromBytes } from './read-policy-at-commit.js';
import type { RepositoryName } from './repository-name.js';
import { renderAcknowledgmentBody } from './render-acknowledgment-body.js';
import { isApproval } from './review-verdict.js';

/** GitHub accepts at most this many outstanding review requests on a pull request. */
export const MAX_REVIEW_REQUESTS = 15;

export interface RequestAcknowledgmentsOptions {
  repository: RepositoryName;
  model: RepositoryModel;
  /** The policies of the campaign (see selectAcknowledgmentPolicies). */
  policies: readonly Policy[];
  /** `all` for every policy, or a policy id: names the campaign branch. */
  label: string;
  /** Base branch (default: the repository's default branch). */
  base?: string;
  /** Today as YYYY-MM-DD: who is active, and due dates. */
  today: string;
  validators?: Validators;
  maxReviewRequests?: number;
  onProgress?: (message: string) => void;
}

export interface AcknowledgmentRequest {
  campaign: AcknowledgmentCampaign;
  manifest: AcknowledgmentManifest;
  pull: { number: number; url: string; created: boolean; updated: boolean };
  /** Logins asked to review by this run. */
  requested: string[];
  /** Logins already asked before this run. */
  alreadyRequested: string[];
  /** Logins who already approved (acknowledged) on the pull request. */
  approved: string[];
  /** Audience members not asked, and why (the author, GitHub's limit of review requests). */
  notRequested: { login: string; reason: string }[];
  api_calls: ApiCallLog;
}

/** A policy cannot be acknowledged at the base: it is missing or invalid there. */
export class AcknowledgmentRequestError extends Error {
  override name = 'AcknowledgmentRequestError';
}

/**
 * Open (or update) the acknowledgment pull request for some policy versions, and request
 * reviews from their audience. Idempotent: the same policy versions always map to the same
 * branch and pull request, and people already asked or who already approved are not asked again.
 */
export async function requestAcknowledgments(client: GitHubClient, options: RequestAcknowledgmentsOptions): Promise<AcknowledgmentRequest> {
  const { owner, repo } = options.repository;
  const log: ApiCallLog = [];
  const progress = options.onProgress ?? (() => {});
  const validators = options.validators ?? createValidators();
  const base = options.base ?? (await callGitHub(client, log, 'GET /repos/{owner}/{repo}', { owner, repo })).data.default_branch;
  const baseRef = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${base}` }, [404]);
  if (!baseRef.data) throw new AcknowledgmentRequestError(`Unexpected base branch \`${base}\`, expected a branch of ${owner}/${repo}`);
  const baseSha: string = baseRef.data.object.sha;

  progress(`Reading ${options.policies.length} polic${options.policies.length === 1 ? 'y' : 'ies'} at ${base} (${baseSha.slice(0, 12)})`);
  const entries: AcknowledgmentManifest['policies'] = [];
  for (const policy of options.policies) {
    const path = policy.source.path;
    const file = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: baseSha }, [404]);
    if (!file.data || typeof file.data.content !== 'string') throw new AcknowledgmentRequestError(`Policy \`${policy.id}\` (\`${path}\`) is not on \`${base}\`: merge it before asking for acknowledgments`);
    const read = policyFromBytes(Buffer.from(file.data.content, 'base64'), path, baseSha, validators);
    if (!read.data) throw new AcknowledgmentRequestError(`Policy \`${path}\` on \`${base}\` is not valid: ${read.problem ?? ''}`);
    entries.push({ id: read.data.id, version: read.data.version, path, sha256: read.sha256 });
  }
  const campaign = acknowledgmentCampaign(options.label, entries);
  const manifest: AcknowledgmentManifest = { schema_version: 1, campaign: campaign.key, base: { ref: base, commit: baseSha }, policies: entries };

  const audience = new Map<string, string>(); // login → person id
  for (const policy of options.policies) for (const person of acknowledgmentAudience(options.model, policy)) if (isActive(person, options.today)) audience.set(person.github, person.id);
  const title = options.policies.length === 1 ? `Acknowledge: ${options.policies[0]!.title} ${entries[0]!.version}` : `Acknowledge ${options.policies.length} policies (${campaign.key})`;
  const body = renderAcknowledgmentBody({ repository: `${owner}/${repo}`, manifest, policies: options.policies, audience: [...audience.keys()] });

  const open = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'open', head: `${owner}:${campaign.branch}`, per_page: 100 });
  let pull = (open.data as any[])[0];
  let created = false;
  let updated = false;
  if (!pull) {
    progress(`Opening the acknowledgment pull request from \`${campaign.branch}\``);
    const branch = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${campaign.branch}` }, [404]);
    if (!branch.data) await callGitHub(client, log, 'POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${campaign.branch}`, sha: baseSha });
    const existing = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path: campaign.manifestPath, ref: campaign.branch }, [404]);
    if (!existing.data) {
      const content = Buffer.from(renderAcknowledgmentManifest(manifest)).toString('base64');
      await callGitHub(client, log, 'PUT /repos/{owner}/{repo}/contents/{path}', { owner, repo, path: campaign.manifestPath, branch: campaign.branch, message: `Ask for acknowledgment of ${entries.map((e) => `${e.id} ${e.version}`).join(', ')}`, content });
    }
    pull = (await callGitHub(client, log, 'POST /repos/{owner}/{repo}/pulls', { owner, repo, title, body, head: campaign.branch, base })).data;
    created = true;
  } else if (pull.title !== title || (pull.body ?? '') !== body) {
    pull = (await callGitHub(client, log, 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: pull.number, title, body })).data;
    updated = true;
  }

  const reviews = await fetchReviews(client, log, { owner, repo, pull_number: pull.number });
  const approved = [...new Set(reviews.filter((r) => r.login && isApproval(r.state)).map((r) => r.login!))];
  const alreadyRequested: string[] = (pull.requested_reviewers ?? []).map((u: { login: string }) => u.login);
  const author: string = pull.user?.login ?? '';
  const lower = (values: string[]) => new Set(values.map((v) => v.toLowerCase()));
  const skip = lower([...approved, ...alreadyRequested]);
  const notRequested: AcknowledgmentRequest['notRequested'] = [];
  const requested: string[] = [];
  const room = Math.max((options.maxReviewRequests ?? MAX_REVIEW_REQUESTS) - alreadyRequested.length, 0);
  for (const login of audience.keys()) {
    if (skip.has(login.toLowerCase())) continue;
    if (login.toLowerCase() === author.toLowerCase()) notRequested.push({ login, reason: 'opened the pull request and cannot approve it: acknowledge through another pull request' });
    else if (requested.length >= room) notRequested.push({ login, reason: `GitHub accepts at most ${options.maxReviewRequests ?? MAX_REVIEW_REQUESTS} review requests: run again as people acknowledge, or share the link` });
    else requested.push(login);
  }
  if (requested.length) {
    progress(`Requesting reviews from ${requested.length} ${requested.length === 1 ? 'person' : 'people'}`);
    await callGitHub(client, log, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { owner, repo, pull_number: pull.number, reviewers: requested });
  }
  return { campaign, manifest, pull: { number: pull.number, url: pull.html_url, created, updated }, requested, alreadyRequested, approved, notRequested, api_calls: log };
}
