import { paginateGitHub, type ApiCallLog } from './call-github.js';
import type { GitHubClient } from './create-octokit.js';
import type { PullRequestReview } from './fetch-pull-request-facts.js';

/** Every review of a pull request, chronological as GitHub lists them (every page read). */
export async function fetchReviews(client: GitHubClient, log: ApiCallLog, params: { owner: string; repo: string; pull_number: number }): Promise<PullRequestReview[]> {
  const reviews = await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', params);
  return reviews.map((review) => ({
    id: review.id,
    login: review.user?.login ?? null,
    state: String(review.state),
    submitted_at: review.submitted_at ?? null,
    commit_id: review.commit_id ?? null,
  }));
}
