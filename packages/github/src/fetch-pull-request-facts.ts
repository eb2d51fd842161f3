import { callGitHub, paginateGitHub, type ApiCallLog } from './call-github.js';
import type { GitHubClient } from './create-octokit.js';
import { fetchReviews } from './fetch-reviews.js';
import type { RepositoryName } from './repository-name.js';
import { isApproval } from './review-verdict.js';

export interface PullRequestFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

export interface PullRequestReview {
  id: number;
  /** Login of the reviewer, or null for a deleted account. */
  login: string | null;
  /** As GitHub sent it: `APPROVED` over REST, `approved` in webhook payloads. */
  state: string;
  submitted_at: string | null;
  commit_id: string | null;
}

/** A commit of a pull request: the GitHub logins linked to its author and committer, null when GitHub links none (an email it cannot match to an account). */
export interface PullRequestCommit {
  sha: string;
  author: string | null;
  committer: string | null;
}

/** GitHub lists at most this many commits of a pull request (GET /repos/{owner}/{repo}/pulls/{pull_number}/commits). */
export const PULL_REQUEST_COMMIT_LIMIT = 250;

/** The commits of a pull request as GitHub lists them, and how many it has. */
export interface PullRequestCommits {
  /** Oldest first; at most PULL_REQUEST_COMMIT_LIMIT. */
  listed: PullRequestCommit[];
  /** How many commits the pull request has (its `commits` count): more than listed when GitHub's limit cut the list. */
  total: number;
}

/** A collaborator's permission: `admin`, `write`, `read` or `none` (maintain and triage map to write and read). */
export type RepositoryPermission = 'admin' | 'write' | 'read' | 'none';

/** The fields of a pull request that evidence records name, as GitHub's REST API reports it now. */
export interface PullRequestSummary {
  number: number;
  url: string;
  title: string;
  author: string;
  state: string;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  head_sha: string;
  head_ref: string;
  base_sha: string;
  base_ref: string;
}

/** The summary of a `GET /repos/{owner}/{repo}/pulls/{pull_number}` answer. Pure. */
export function summarizePullRequest(pr: {
  number: number;
  html_url: string;
  title: string;
  state: string;
  user?: { login: string } | null;
  merged?: boolean | null;
  merged_at?: string | null;
  merged_by?: { login: string } | null;
  merge_commit_sha?: string | null;
  head: { sha: string; ref: string };
  base: { sha: string; ref: string };
}): PullRequestSummary {
  return {
    number: pr.number,
    url: pr.html_url,
    title: pr.title,
    author: pr.user?.login ?? 'ghost',
    state: pr.state,
    merged: Boolean(pr.merged || pr.merged_at),
    merged_at: pr.merged_at ?? null,
    merged_by: pr.merged_by?.login ?? null,
    // Before a merge, GitHub's merge_commit_sha names a test merge: not evidence of anything.
    merge_commit_sha: pr.merged_at ? (pr.merge_commit_sha ?? null) : null,
    head_sha: pr.head.sha,
    head_ref: pr.head.ref,
    base_sha: pr.base.sha,
    base_ref: pr.base.ref,
  };
}

/** Everything read from GitHub about one pull request: the input of the pure decisions. */
export interface PullRequestFacts {
  repository: string;
  pull: PullRequestSummary;
  files: PullRequestFile[];
  /** Chronological, every page read. */
  reviews: PullRequestReview[];
  /**
   * Who wrote and committed the pull request's commits: an approver among them is not independent.
   * Absent when not read: then no approval is known to be independent.
   */
  commits?: PullRequestCommits;
  /** Permission of every reviewer who approved at least once. */
  permissions: Record<string, RepositoryPermission>;
  /** When the facts were read (ISO 8601). */
  fetched_at: string;
  api_calls: ApiCallLog;
}

export interface FetchPullRequestOptions {
  repository: RepositoryName;
  pullNumber: number;
  /** The clock: a parameter, never read from a global. */
  now: () => Date;
  /** Whether to look up the permission of each approving reviewer (default yes; acknowledgment pull requests need none). */
  needsPermissions?: (pull: { head_ref: string }) => boolean;
}

/** Read a pull request, all its files, commits and reviews, and the permission of each approving reviewer. */
export async function fetchPullRequestFacts(client: GitHubClient, options: FetchPullRequestOptions): Promise<PullRequestFacts> {
  const { owner, repo } = options.repository;
  const pull_number = options.pullNumber;
  const log: ApiCallLog = [];
  const fetched_at = options.now().toISOString();
  const { data: pr } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number });
  const files = await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner, repo, pull_number });
  const commits = await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { owner, repo, pull_number });
  const reviews = await fetchReviews(client, log, { owner, repo, pull_number });

  const permissions: Record<string, RepositoryPermission> = {};
  if (options.needsPermissions?.({ head_ref: pr.head.ref }) ?? true) {
    const approvers = [...new Set(reviews.filter((r) => r.login && isApproval(r.state)).map((r) => r.login!))].sort();
    for (const username of approvers) {
      const { status, data } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner, repo, username }, [404]);
      permissions[username] = status === 404 ? 'none' : toPermission(data?.permission);
    }
  }

  return {
    repository: `${owner}/${repo}`,
    pull: summarizePullRequest(pr),
    files: files.map((f) => ({ filename: f.filename, status: f.status, ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}) })),
    commits: summarizeCommits(commits, pr.commits),
    reviews,
    permissions,
    fetched_at,
    api_calls: log,
  };
}

/** The commits of a `GET …/pulls/{pull_number}/commits` answer, and the pull request's `commits` count. Pure. */
export function summarizeCommits(commits: readonly { sha: string; author?: { login?: string } | null; committer?: { login?: string } | null }[], count: number | undefined): PullRequestCommits {
  const login = (user: { login?: string } | null | undefined) => (typeof user?.login === 'string' && user.login !== '' ? user.login : null);
  const listed = commits.map((c) => ({ sha: c.sha, author: login(c.author), committer: login(c.committer) }));
  // Without a count, a list at GitHub's limit may have been cut: count it as one more than listed.
  const total = typeof count === 'number' ? Math.max(count, listed.length) : listed.length >= PULL_REQUEST_COMMIT_LIMIT ? PULL_REQUEST_COMMIT_LIMIT + 1 : listed.length;
  return { listed, total };
}

function toPermission(value: unknown): RepositoryPermission {
  return value === 'admin' || value === 'write' || value === 'read' ? value : value === 'maintain' ? 'write' : value === 'triage' ? 'read' : 'none';
}
