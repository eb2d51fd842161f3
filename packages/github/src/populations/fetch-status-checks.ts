import type { StatusChecks } from '@evident/core';
import { callGitHub, paginateGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import { GitHubRequestError } from '../github-request-error.js';

const PER_PAGE = 100;
const byKindAndName = (a: StatusChecks['results'][number], b: StatusChecks['results'][number]) => a.kind.localeCompare(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The status checks of a commit: its check runs (the latest of each name, as GitHub lists them by
 * default) and its commit statuses (the latest per context). A token that may not read one of the
 * two (403 or 404) gives `readable: false` and what it could read.
 */
export async function fetchStatusChecks(client: GitHubClient, log: ApiCallLog, params: { owner: string; repo: string; ref: string }): Promise<Omit<StatusChecks, 'required'>> {
  const results: StatusChecks['results'] = [];
  let readable = true;
  try {
    const runs = await paginateGitHub<{ name: string; status: string; conclusion: string | null }>(client, log, 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...params, per_page: PER_PAGE });
    for (const run of runs) results.push({ name: run.name, kind: 'check-run', conclusion: run.conclusion ?? run.status });
  } catch (error) {
    if (!(error instanceof GitHubRequestError) || (error.status !== 403 && error.status !== 404)) throw error;
    log.push({ method: 'GET', route: '/repos/{owner}/{repo}/commits/{ref}/check-runs', status: error.status });
    readable = false;
  }
  const { status, data } = await callGitHub<{ statuses?: { context: string; state: string }[] }>(client, log, 'GET /repos/{owner}/{repo}/commits/{ref}/status', { ...params, per_page: PER_PAGE }, [403, 404]);
  if (status !== 200) readable = false;
  for (const s of data?.statuses ?? []) results.push({ name: s.context, kind: 'status', conclusion: s.state });
  return { readable, results: results.sort(byKindAndName) };
}
