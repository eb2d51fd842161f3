/** A GitHub API call failed for good: retries were exhausted or the answer cannot be retried. */
export class GitHubRequestError extends Error {
  override name = 'GitHubRequestError';
  constructor(
    readonly method: string,
    readonly route: string,
    /** HTTP status, or undefined when GitHub never answered. */
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`GitHub API \`${method} ${route}\` failed${status ? ` with HTTP ${status}` : ''}: ${detail}`);
  }
}

/** Turn whatever Octokit threw into a GitHubRequestError; the message never includes request headers. */
export function toGitHubRequestError(error: unknown, method: string, route: string): GitHubRequestError {
  if (error instanceof GitHubRequestError) return error;
  const err = error as { status?: number; message?: string; response?: unknown };
  const answered = typeof err.status === 'number' && err.response !== undefined;
  // Octokit appends the documentation URL to GitHub's message: keep the message.
  const detail = (err.message ?? String(error)).split('\n')[0]!.replace(/ - https?:\/\/\S+$/, '').slice(0, 300);
  const hint = err.status === 401 ? ' (check GITHUB_TOKEN)' : err.status === 403 || err.status === 429 ? ' (rate limited or missing permission)' : '';
  return new GitHubRequestError(method, route, answered ? err.status : undefined, `${detail}${hint}`);
}
