import type { AccessLimitation } from '@evident/core';
import type { ApiCallLog, Route } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import { toGitHubRequestError } from '../github-request-error.js';

/** Answers that mean "this token may not read it" (or the feature is off): recorded, never fatal. */
export const LIMITED_STATUSES = [403, 404, 422] as const;

interface Failure {
  status?: number;
  message?: string;
  response?: { url?: string; headers?: Record<string, string | undefined>; data?: { message?: unknown } };
}

/** GitHub's own sentence for a refusal, plus the permission it asks for when it names one. */
export function limitationDetail(what: string, error: Failure): string {
  const said = typeof error.response?.data?.message === 'string' ? error.response.data.message : (error.message ?? '').split('\n')[0]!.replace(/ - https?:\/\/\S+$/, '');
  const accepted = error.response?.headers?.['x-accepted-github-permissions'];
  return `${what} not visible to this token (HTTP ${error.status}${said ? `: ${said.slice(0, 200)}` : ''})${accepted ? `; GitHub accepts the permissions \`${accepted}\`` : ''}`;
}

function logCall(log: ApiCallLog, route: Route, url: string | undefined, status: number): void {
  const [method, template] = route.split(' ') as [string, string];
  const parsed = url ? new URL(url) : undefined;
  log.push({ method, route: template, ...(parsed ? { path: `${parsed.pathname}${parsed.search}` } : {}), status });
}

/**
 * Every item of a list, following the `Link` header page after page (`per_page=100`; cursor
 * lists such as Dependabot alerts are followed the same way). A 403, 404 or 422 becomes a
 * recorded limitation and null, never an empty list; anything else fails.
 */
export async function listOrLimitation<T = any>(
  client: GitHubClient,
  log: ApiCallLog,
  route: Route,
  params: Record<string, unknown>,
  limit: { scope: string; what: string; limitations: AccessLimitation[] },
): Promise<T[] | null> {
  const items: T[] = [];
  try {
    for await (const page of client.paginate.iterator(route, { per_page: 100, ...params })) {
      logCall(log, route, page.url, page.status);
      items.push(...(page.data as T[]));
    }
    return items;
  } catch (error) {
    const failure = error as Failure;
    if (typeof failure.status === 'number' && (LIMITED_STATUSES as readonly number[]).includes(failure.status) && failure.response) {
      logCall(log, route, failure.response.url, failure.status);
      limit.limitations.push({ scope: limit.scope, status: failure.status, detail: limitationDetail(limit.what, failure) });
      return null;
    }
    throw toGitHubRequestError(error, route.split(' ')[0]!, route.split(' ')[1]!);
  }
}
