import { accessReviewControl, type AccessSnapshotSubject, type EvidenceRecord, type Period, type RepositoryModel } from '@evident/core';
import { isActive } from '../acknowledgment-audience.js';
import { callGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import { fetchReviews } from '../fetch-reviews.js';
import { ownerLogins } from '../reminders/plan-reminders.js';
import type { RepositoryName } from '../repository-name.js';
import { latestReviewByReviewer } from '../review-helpers.js';
import { reviewVerdict } from '../review-verdict.js';
import { accessReviewLocation } from './access-review-branch.js';
import { renderAccessReview } from './render-access-review.js';

export interface RequestAccessReviewOptions {
  repository: RepositoryName;
  model: RepositoryModel;
  /** The latest access-snapshot record of the evidence branch. */
  snapshot: EvidenceRecord<AccessSnapshotSubject>;
  period: Period;
  /** Base branch (default: the repository's default branch). */
  base?: string;
  /** Today as YYYY-MM-DD: who on the roster is active. */
  today: string;
  onProgress?: (message: string) => void;
}

export interface AccessReviewRequest {
  period: Period;
  control: string;
  branch: string;
  path: string;
  pull: { number: number; url: string; created: boolean; updated: boolean };
  /** The commit this run made on the branch, or null when the review file was already identical. */
  commit: string | null;
  /** The head of the branch after this run. */
  head: string;
  /** Set when the control's owner already approved the pull request at its head: nothing was changed. */
  signedOffBy: string | null;
  /** Logins asked to review by this run, already asked before it, and owners not asked (and why). */
  requested: string[];
  alreadyRequested: string[];
  notRequested: { login: string; reason: string }[];
  api_calls: ApiCallLog;
}

/** The access-snapshot record added last to the chain, or undefined when there is none. Pure. */
export function latestAccessSnapshot(records: readonly EvidenceRecord[]): EvidenceRecord<AccessSnapshotSubject> | undefined {
  let latest: EvidenceRecord | undefined;
  for (const record of records) if (record.kind === 'access-snapshot' && (!latest || record.sequence > latest.sequence)) latest = record;
  return latest as EvidenceRecord<AccessSnapshotSubject> | undefined;
}

/** The review cannot be asked for: no access-review control, or no such base branch. */
export class AccessReviewRequestError extends Error {
  override name = 'AccessReviewRequestError';
}

/**
 * Open (or update) the access review pull request of a period: branch `evident/access-review/<period>`
 * adding `access-reviews/<period>.md`, the snapshot's accounts and findings, with reviews requested
 * from the access-review control's owner. Idempotent: the same pull request is found by its head
 * branch, a commit is made only when the file changes, and a review the owner already approved at
 * its head is left as it is.
 */
export async function requestAccessReview(client: GitHubClient, options: RequestAccessReviewOptions): Promise<AccessReviewRequest> {
  const { owner, repo } = options.repository;
  const { model, period } = options;
  const log: ApiCallLog = [];
  const progress = options.onProgress ?? (() => {});
  const control = accessReviewControl(model);
  if (!control) throw new AccessReviewRequestError('Missing access review control, expected evident.yaml `access.review_control` naming a control (or a control titled as an access review)');
  const { branch, path } = accessReviewLocation(period);
  const taken = options.snapshot.recorded_at.slice(0, 10);
  if (taken < period.start) {
    progress(`The access snapshot \`${options.snapshot.id}\` was taken on ${taken}, before ${period.label} starts on ${period.start}: an approval of this review is recorded as a \`review-file-mismatch\` exception, not as the sign-off of ${period.label}. Record an access snapshot first (evident access collect), then ask again.`);
  }
  const content = renderAccessReview({ period, control, snapshot: options.snapshot, people: model.people, ...(model.config.access?.admin_roles ? { adminRoles: model.config.access.admin_roles } : {}) });
  const owners = ownerLogins(control.owner, model.people.filter((p) => isActive(p, options.today)), model.teams);
  const title = `Access review ${period.label}`;
  const body = [
    `The access review of **${period.label}** (${period.start} to ${period.end}) for control **${control.id}** (${control.title}).`,
    '',
    `\`${path}\` lists every account holding access in the access snapshot of ${options.snapshot.recorded_at.slice(0, 10)} (evidence record \`${options.snapshot.id}\`) and what the roster does not explain.`,
    '',
    `**${control.owner}** (${owners.length ? owners.map((l) => `@${l}`).join(', ') : 'no GitHub login on the roster'}): check the list, have access removed or the roster corrected where needed, then **approve this pull request**. Your approval at the final commit is recorded as the sign-off of this review. Do not merge it.`,
  ].join('\n');

  const base = options.base ?? (await callGitHub(client, log, 'GET /repos/{owner}/{repo}', { owner, repo })).data.default_branch;
  const open = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 100 });
  let pull = (open.data as any[])[0];
  const reviews = pull ? latestReviewByReviewer(await fetchReviews(client, log, { owner, repo, pull_number: pull.number })) : [];
  const approvesAt = (head: string) => reviews.filter((r) => owners.some((o) => o.toLowerCase() === r.login?.toLowerCase()) && reviewVerdict(r, { author: pull.user?.login ?? '', head_sha: head }) === 'approves-head').map((r) => r.login!);
  const alreadyRequested: string[] = (pull?.requested_reviewers ?? []).map((u: { login: string }) => u.login);
  const location = { period, control: control.id, branch, path };
  if (pull && approvesAt(pull.head.sha).length > 0) {
    progress(`The access review of ${period.label} is already signed off at ${pull.head.sha.slice(0, 12)}: leaving it as it is`);
    const signedOffBy = approvesAt(pull.head.sha)[0]!;
    return { ...location, pull: { number: pull.number, url: pull.html_url, created: false, updated: false }, commit: null, head: pull.head.sha, signedOffBy, requested: [], alreadyRequested, notRequested: [], api_calls: log };
  }

  let head: string;
  const ref = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` }, [404]);
  if (ref.data) head = ref.data.object.sha;
  else {
    const baseRef = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${base}` }, [404]);
    if (!baseRef.data) throw new AccessReviewRequestError(`Unexpected base branch \`${base}\`, expected a branch of ${owner}/${repo}`);
    progress(`Creating branch \`${branch}\``);
    await callGitHub(client, log, 'POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha: baseRef.data.object.sha });
    head = baseRef.data.object.sha;
  }
  const existing = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: branch }, [404]);
  const same = existing.data && typeof existing.data.content === 'string' && Buffer.from(existing.data.content, 'base64').toString('utf8') === content;
  let commit: string | null = null;
  if (!same) {
    progress(`${existing.data ? 'Updating' : 'Writing'} \`${path}\` on \`${branch}\``);
    const message = `Access review ${period.label}: accounts of the access snapshot of ${options.snapshot.recorded_at.slice(0, 10)}`;
    const put = await callGitHub(client, log, 'PUT /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, branch, message, content: Buffer.from(content).toString('base64'), ...(existing.data ? { sha: existing.data.sha } : {}) });
    commit = put.data.commit.sha as string;
    head = commit;
  }

  let created = false;
  let updated = false;
  if (!pull) {
    progress(`Opening the access review pull request from \`${branch}\``);
    pull = (await callGitHub(client, log, 'POST /repos/{owner}/{repo}/pulls', { owner, repo, title, body, head: branch, base })).data;
    created = true;
  } else if (pull.title !== title || (pull.body ?? '') !== body) {
    pull = (await callGitHub(client, log, 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: pull.number, title, body })).data;
    updated = true;
  }

  const author: string = pull.user?.login ?? '';
  const approved = new Set(approvesAt(head).map((l) => l.toLowerCase()));
  const asked = new Set(alreadyRequested.map((l) => l.toLowerCase()));
  const requested: string[] = [];
  const notRequested: AccessReviewRequest['notRequested'] = [];
  for (const login of owners) {
    if (asked.has(login.toLowerCase()) || approved.has(login.toLowerCase())) continue;
    if (login.toLowerCase() === author.toLowerCase()) notRequested.push({ login, reason: 'opened the pull request and cannot approve it: open it from a workflow or as someone else' });
    else requested.push(login);
  }
  if (owners.length === 0) notRequested.push({ login: control.owner, reason: 'no active person of this owner has a GitHub login on the roster' });
  if (requested.length) {
    progress(`Requesting reviews from ${requested.map((l) => `@${l}`).join(', ')}`);
    await callGitHub(client, log, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { owner, repo, pull_number: pull.number, reviewers: requested });
  }
  return { ...location, pull: { number: pull.number, url: pull.html_url, created, updated }, commit, head, signedOffBy: null, requested, alreadyRequested, notRequested, api_calls: log };
}
