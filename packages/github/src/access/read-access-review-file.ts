import { sha256Hex } from '@evident/core';
import { callGitHub } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import type { PullRequestFacts } from '../fetch-pull-request-facts.js';
import { ACCESS_REVIEW_BRANCH_PREFIX, ACCESS_REVIEW_DIR } from './access-review-branch.js';
import type { ReviewFileAtHead } from './decide-access-review.js';

/**
 * The review file of an access review pull request at its head commit, read through GitHub's
 * contents API (the call joins the facts' provenance), with the SHA-256 of its bytes.
 */
export async function readAccessReviewFile(client: GitHubClient, facts: PullRequestFacts): Promise<ReviewFileAtHead> {
  const [owner, repo] = facts.repository.split('/') as [string, string];
  const label = facts.pull.head_ref.slice(ACCESS_REVIEW_BRANCH_PREFIX.length).replace(/[^A-Za-z0-9._-]+/g, '-');
  const path = `${ACCESS_REVIEW_DIR}/${label}.md`;
  const read = await callGitHub(client, facts.api_calls, 'GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: facts.pull.head_sha }, [404]);
  if (!read.data) return { path, problem: 'the file does not exist there' };
  if (Array.isArray(read.data) || read.data.type !== 'file' || read.data.encoding !== 'base64' || typeof read.data.content !== 'string') return { path, problem: 'it is not a file GitHub returns with its content (too large, or not a file)' };
  return { path, sha256: sha256Hex(Buffer.from(read.data.content, 'base64')) };
}
