import { createValidators, sha256Hex } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { callGitHub, paginateGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import { fetchPullRequestFacts, summarizePullRequest, type PullRequestFacts } from '../fetch-pull-request-facts.js';
import { fetchReviews } from '../fetch-reviews.js';
import { GitHubRequestError } from '../github-request-error.js';
import { originOfPullRequest } from '../pull-request-origin.js';
import { CommitNotFoundError, ensureCommit, readFileAtCommit } from '../read-file-at-commit.js';
import { policyFromBytes } from '../read-policy-at-commit.js';
import type { RepositoryName } from '../repository-name.js';
import { contentKey, type ContentAtCommit, type CrossCheckFacts, type PullFacts } from './cross-check-facts.js';
import type { CrossCheckNeeds } from './cross-check-record.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { readAcknowledgmentFacts, redecideApproval } from './redecide-pull.js';

export interface FetchCrossCheckOptions {
  repository: RepositoryName;
  /** The checkout: policy and access review files are read from its git objects, fetching missing commits from `remote`. */
  git: SimpleGit;
  remote: string;
  /** The clock (when GitHub was read, for the facts a decision is taken from). */
  now?: () => Date;
  /** Pull requests read at the same time (default 4). */
  concurrency?: number;
  /** Every API call made, for the report. */
  log?: ApiCallLog;
  onProgress?: (message: string) => void;
}

/**
 * One pull request: itself (404 means GitHub has none) with its origin (where its head lives, the
 * default branch: the same answer, no call of its own), then its files and reviews when they are
 * needed, every page read. A merged pull request whose approvals are decided again, and an
 * acknowledgment pull request, are read as the collector reads them (fetchPullRequestFacts:
 * reviewers' permissions and all), and those facts are returned too.
 */
async function fetchPull(client: GitHubClient, log: ApiCallLog, options: FetchCrossCheckOptions, pull_number: number, need: CrossCheckNeeds['pulls'] extends Map<number, infer N> ? N : never): Promise<{ facts: PullFacts; full?: PullRequestFacts }> {
  const { repository } = options;
  const params = { owner: repository.owner, repo: repository.repo, pull_number };
  const { status, data: pr } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', params, [404]);
  if (status === 404 || !pr) return { facts: { pull: null } };
  const pull = summarizePullRequest(pr);
  const origin = { ...originOfPullRequest(pr), head_ref: pull.head_ref, base_ref: pull.base_ref };
  if (need.approval || need.acknowledgment) {
    const full = await fetchPullRequestFacts(client, { repository, pullNumber: pull_number, now: options.now ?? (() => new Date(0)), needsPermissions: () => need.approval === true && pull.merged });
    log.push(...full.api_calls);
    const files = full.files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]);
    return { facts: { pull: full.pull, origin, files, reviews: full.reviews }, full };
  }
  const files = need.files ? (await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', params)).flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]) : undefined;
  const reviews = need.reviews ? await fetchReviews(client, log, params) : undefined;
  return { facts: { pull, origin, ...(files ? { files } : {}), ...(reviews ? { reviews } : {}) } };
}

/**
 * A file at a commit: from git, fetching the commit from the remote when it is not here (a pull
 * request's head is kept at `refs/pull/N/head`); else from the contents API at that commit.
 */
async function readContent(client: GitHubClient, log: ApiCallLog, options: FetchCrossCheckOptions, need: CrossCheckNeeds['contents'][number]): Promise<ContentAtCommit> {
  const { git, remote, repository } = options;
  const available = await ensureCommit(git, need.commit, remote, need.pull).then(
    () => true,
    (error: unknown) => {
      if (error instanceof CommitNotFoundError) return false;
      throw error;
    },
  );
  if (available) {
    const bytes = await readFileAtCommit(git, need.commit, need.path);
    return bytes ? withPolicy(bytes, need) : { missing: 'file' };
  }
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(need.commit)) return { missing: 'commit' };
  const { status, data } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/contents/{path}', { owner: repository.owner, repo: repository.repo, path: need.path, ref: need.commit }, [404]);
  if (status === 404 || !data || Array.isArray(data) || data.type !== 'file' || data.encoding !== 'base64') return { missing: 'commit' };
  return withPolicy(Buffer.from(String(data.content), 'base64'), need);
}

/** The SHA-256 of a file's bytes, and a policy's id and version when its frontmatter is valid (an access review file: its text). */
function withPolicy(bytes: Buffer, need: CrossCheckNeeds['contents'][number]): ContentAtCommit {
  if (!need.policy) return { sha256: sha256Hex(bytes), ...(need.text ? { text: bytes.toString('utf8') } : {}) };
  const read = policyFromBytes(bytes, need.path, need.commit, createValidators());
  return { sha256: read.sha256, policy: read.data ? { id: read.data.id, version: read.data.version } : null };
}

/**
 * Read what the records claim from GitHub (each pull request once, at most `concurrency` at a
 * time; retries and rate limits are the client's) and the policy and access review files from
 * git. A repository the token cannot see is an error, never a list of pull requests that "do not
 * exist".
 */
export async function fetchCrossCheckFacts(client: GitHubClient, needs: CrossCheckNeeds, options: FetchCrossCheckOptions): Promise<CrossCheckFacts> {
  const { repository } = options;
  const log = options.log ?? [];
  const name = `${repository.owner}/${repository.repo}`;
  const progress = options.onProgress ?? (() => {});
  const visible = await callGitHub(client, log, 'GET /repos/{owner}/{repo}', { owner: repository.owner, repo: repository.repo }, [404]);
  if (visible.status === 404) throw new GitHubRequestError('GET', '/repos/{owner}/{repo}', 404, `repository \`${name}\` is not visible to the token (it needs \`contents: read\` and \`pull-requests: read\`)`);
  const numbers = [...needs.pulls.keys()].sort((a, b) => a - b);
  progress(`Reading ${numbers.length} pull request${numbers.length === 1 ? '' : 's'} of ${name} from GitHub`);
  const fetched = await mapWithConcurrency(numbers, options.concurrency ?? 4, (n) => fetchPull(client, log, options, n, needs.pulls.get(n)!));
  const pulls = new Map(numbers.map((n, i) => [n, fetched[i]!.facts]));
  // Decided again as the collector decides, one at a time (git fetches into one repository do not run safely side by side).
  const validators = createValidators();
  for (const [i, n] of numbers.entries()) {
    const { full, facts } = fetched[i]!;
    if (!full) continue;
    const need = needs.pulls.get(n)!;
    if (need.approval) progress(`Deciding the approvals of pull request #${n} again from GitHub and git`);
    if (need.approval) facts.approval = await redecideApproval(options.git, options.remote, full, validators);
    // What each reviewed commit acknowledges is read against the default branch GitHub names (the origin), as the collector reads it.
    if (need.acknowledgment) facts.acknowledgment = await readAcknowledgmentFacts(options.git, options.remote, full, facts.origin!.default_branch, validators);
  }
  const contents = new Map<string, ContentAtCommit>();
  if (needs.contents.length) progress(`Reading ${needs.contents.length} file${needs.contents.length === 1 ? '' : 's'} at the commits the records name (git, else the contents API)`);
  // One at a time: git fetches into one repository do not run safely side by side.
  for (const need of needs.contents) contents.set(contentKey(need.commit, need.path), await readContent(client, log, options, need));
  return { repository: name, pulls, contents };
}
