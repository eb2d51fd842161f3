import type { ApiCall } from '@evident/core';
import type { GitHubClient } from './create-octokit.js';
import { toGitHubRequestError } from './github-request-error.js';

/** `METHOD /route/{template}`, as Octokit routes are written. */
export type Route = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** The API calls of one operation, for provenance. Owned by the caller: one list per collection. */
export type ApiCallLog = ApiCall[];

function logCall(log: ApiCallLog, route: Route, url: string | undefined, status: number): void {
  const [method, template] = route.split(' ') as [string, string];
  const parsed = url ? new URL(url) : undefined;
  log.push({ method, route: template, ...(parsed ? { path: `${parsed.pathname}${parsed.search}` } : {}), status });
}

/**
 * One request. Statuses listed in `allow` (such as 404 for "does not exist") are returned
 * rather than thrown; anything else that fails becomes a GitHubRequestError.
 */
export async function callGitHub<T = any>(
  client: GitHubClient,
  log: ApiCallLog,
  route: Route,
  params: Record<string, unknown>,
  allow: readonly number[] = [],
): Promise<{ status: number; data: T | undefined }> {
  try {
    const response = await client.request(route, params);
    logCall(log, route, response.url, response.status);
    return { status: response.status, data: response.data as T };
  } catch (error) {
    const status = (error as { status?: number; response?: { url?: string } }).status;
    if (typeof status === 'number' && allow.includes(status) && (error as { response?: unknown }).response) {
      logCall(log, route, (error as { response: { url?: string } }).response.url, status);
      return { status, data: undefined };
    }
    throw toGitHubRequestError(error, route.split(' ')[0]!, route.split(' ')[1]!);
  }
}

/** Every item of a paginated list, reading all pages (`per_page=100`); each page is logged. */
export async function paginateGitHub<T = any>(client: GitHubClient, log: ApiCallLog, route: Route, params: Record<string, unknown>): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const page of client.paginate.iterator(route, { per_page: 100, ...params })) {
      logCall(log, route, page.url, page.status);
      items.push(...(page.data as T[]));
    }
  } catch (error) {
    throw toGitHubRequestError(error, route.split(' ')[0]!, route.split(' ')[1]!);
  }
  return items;
}
