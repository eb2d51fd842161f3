import { sha256Hex } from '@evident/core';
import { callGitHub } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import type { PullRequestFacts } from '../fetch-pull-request-facts.js';
import { ACCESS_REVIEW_BRANCH_PREFIX, ACCESS_REVIEW_DIR, accessReviewLocation, periodOfAccessReviewBranch } from './access-review-branch.js';
import type { ReviewFileAtHead } from './decide-access-review.js';

/**
 * The review file of an access review pull request at its head commit (the one its branch's period
 * names, accessReviewLocation), read through GitHub's contents API (the call joins the facts'
 * provenance), with the SHA-256 of its bytes and its text.
 */
export async function readAccessReviewFile(client: GitHubClient, facts: PullRequestFacts): Promise<ReviewFileAtHead> {
  const [owner, repo] = facts.repository.split('/') as [string, string];
  const period = periodOfAccessReviewBranch(facts.pull.head_ref);
  const path = period ? accessReviewLocation(period).path : `${ACCESS_REVIEW_DIR}/${facts.pull.head_ref.slice(ACCESS_REVIEW_BRANCH_PREFIX.length).replace(/[^A-Za-z0-9._-]+/g, '-')}.md`;
  const read = await callGitHub(client, facts.api_calls, 'GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: facts.pull.head_sha }, [404]);
  if (!read.data) return { path, problem: 'the file does not exist there' };
  if (Array.isArray(read.data) || read.data.type !== 'file' || read.data.encoding !== 'base64' || typeof read.data.content !== 'string') return { path, problem: 'it is not a file GitHub returns with its content (too large, or not a file)' };
  const bytes = Buffer.from(read.data.content, 'base64');
  return { path, sha256: sha256Hex(bytes), text: bytes.toString('utf8') };
}
