import { callGitHub } from './call-github.js';
import type { GitHubClient } from './create-octokit.js';
import type { PullRequestFacts, PullRequestSummary } from './fetch-pull-request-facts.js';

/** Where a pull request comes from and goes to, as GitHub's REST API reports it. */
export interface PullRequestOrigin {
  /** `owner/name` of the repository holding the head branch; null when that repository was deleted. */
  head_repository: string | null;
  /** `owner/name` of the repository the pull request is in. */
  base_repository: string;
  /** That repository's default branch. */
  default_branch: string;
}

/** The origin of a pull request as one `GET /repos/{owner}/{repo}/pulls/{pull_number}` answer reports it. Pure. */
export function originOfPullRequest(pr: { head?: { repo?: { full_name: string } | null } | null; base: { repo: { full_name: string; default_branch: string } } }): PullRequestOrigin {
  return { head_repository: pr.head?.repo?.full_name ?? null, base_repository: pr.base.repo.full_name, default_branch: pr.base.repo.default_branch };
}

/**
 * Read where a pull request's head lives and the repository's default branch (the call joins the
 * facts' provenance). The pull request is read again: its head and base must be those the facts
 * hold, or it changed while being read and nothing is decided from it.
 */
export async function fetchPullRequestOrigin(client: GitHubClient, facts: Pick<PullRequestFacts, 'repository' | 'pull' | 'api_calls'>): Promise<PullRequestOrigin> {
  const [owner, repo] = facts.repository.split('/') as [string, string];
  const { data: pr } = await callGitHub(client, facts.api_calls, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: facts.pull.number });
  if (pr.head?.sha !== facts.pull.head_sha || pr.base?.ref !== facts.pull.base_ref) {
    throw new Error(`Pull request #${facts.pull.number} changed while it was being read (head ${String(pr.head?.sha)}, base \`${String(pr.base?.ref)}\`, expected ${facts.pull.head_sha} and \`${facts.pull.base_ref}\`): collect it again`);
  }
  return originOfPullRequest(pr);
}

/**
 * Why a pull request whose branch names it a campaign (`what`: an acknowledgment or access review
 * pull request) is not one, or undefined when it is: its head must be a branch of the repository
 * itself (not a fork, nor a deleted repository), and it must target the default branch. Only people
 * who can push to the repository can then open one. Pure.
 */
export function campaignOriginRefusal(facts: Pick<PullRequestFacts, 'repository'> & { pull: Pick<PullRequestSummary, 'number' | 'head_ref' | 'base_ref'> }, origin: PullRequestOrigin, what: string): string | undefined {
  const { number, head_ref, base_ref } = facts.pull;
  // Both names come from the same answer, spelled as GitHub spells them: compared exactly. (The base is
  // the repository the pull request was read from, whatever case the caller spelled it in.)
  if (origin.head_repository === null) {
    return `pull request #${number} comes from branch \`${head_ref}\` of a repository that no longer exists, so it is not ${what}: only a branch of ${origin.base_repository} is`;
  }
  if (origin.head_repository !== origin.base_repository) {
    return `pull request #${number} comes from branch \`${head_ref}\` of ${origin.head_repository}, a fork, so it is not ${what}: only a branch of ${origin.base_repository} is`;
  }
  if (base_ref !== origin.default_branch) {
    return `pull request #${number} targets \`${base_ref}\`, not the default branch \`${origin.default_branch}\`, so it is not ${what}`;
  }
  return undefined;
}
