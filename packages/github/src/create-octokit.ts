import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck/light.js';

/** The client every function of this package takes as its first argument. */
export type GitHubClient = Octokit;

/** One attempt that failed (it may still be retried). Never carries headers or the token. */
export interface FailedAttempt {
  method: string;
  /** Path and query of the request. */
  path: string;
  /** HTTP status, when GitHub answered. */
  status?: number;
  /** What went wrong when it did not (dropped connection, timeout). */
  error?: string;
  /** The `retry-after` header, when GitHub sent one. */
  retryAfter?: string;
}

/** GitHub rate-limited a request; the client waits `retryAfterSeconds` before trying again (if retries remain). */
export interface RateLimitNotice {
  kind: 'primary' | 'secondary';
  retryAfterSeconds: number;
  method: string;
  url: string;
  willRetry: boolean;
}

export interface GitHubClientOptions {
  token: string;
  /** API base, such as `https://api.github.com` or a GitHub Enterprise Server `https://HOST/api/v3`. */
  baseUrl?: string;
  userAgent?: string;
  /** Retries after the first attempt, for 5xx, dropped connections, timeouts and rate limits (default 4). */
  retries?: number;
  /** Milliseconds per unit of backoff (default 1000, so `retry-after` is honoured in seconds). Tests shrink it. */
  retryBaseMs?: number;
  /** A request that has not been answered after this many milliseconds fails and is retried (default 30000). */
  timeoutMs?: number;
  /** Minimum milliseconds between writes, as GitHub asks of integrations (default 1000). */
  writeIntervalMs?: number;
  /** The fetch implementation (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** Told about every failed attempt, for progress output. */
  onFailedAttempt?: (attempt: FailedAttempt) => void;
  /** Told when GitHub rate-limits a request, with the wait it asked for. */
  onRateLimit?: (notice: RateLimitNotice) => void;
}

const RetryingOctokit = Octokit.plugin(retry, throttling);

const DEFAULTS = { baseUrl: 'https://api.github.com', retries: 4, retryBaseMs: 1000, timeoutMs: 30_000, writeIntervalMs: 1000 };

/**
 * An Octokit with retries (5xx, dropped connections, timeouts: exponential backoff) and
 * throttling (primary and secondary rate limits: waits for `retry-after` or the reset time).
 * Nothing here reads the environment: the token and base URL are parameters.
 */
export function createOctokit(options: GitHubClientOptions): GitHubClient {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const limited =
    (kind: RateLimitNotice['kind']) =>
    (retryAfterSeconds: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const willRetry = retryCount < settings.retries;
      options.onRateLimit?.({ kind, retryAfterSeconds, method: request.method, url: request.url, willRetry });
      return willRetry;
    };
  const paced = (minTime: number) => new Bottleneck.Group({ maxConcurrent: 1, minTime });
  return new RetryingOctokit({
    auth: options.token,
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'evident',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: { fetch: timedFetch(options.fetch ?? globalThis.fetch, settings.timeoutMs, options.onFailedAttempt) },
    // 429 and 403 are left to the throttling plugin, which honours `retry-after` and the rate-limit reset.
    retry: { retries: settings.retries, retryAfterBaseValue: settings.retryBaseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: limited('primary'),
      onSecondaryRateLimit: limited('secondary'),
      retryAfterBaseValue: settings.retryBaseMs,
      write: paced(settings.writeIntervalMs),
      notifications: paced(settings.writeIntervalMs),
    },
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** Wrap fetch with a per-request timeout and failure reporting. A timeout surfaces as a network error, which is retried. */
function timedFetch(base: typeof globalThis.fetch, timeoutMs: number, report: GitHubClientOptions['onFailedAttempt']): typeof globalThis.fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    const where = `${url.pathname}${url.search}`;
    try {
      const response = await base(input, { ...init, signal });
      if (response.status >= 400) report?.({ method, path: where, status: response.status, ...(response.headers.get('retry-after') ? { retryAfter: response.headers.get('retry-after')! } : {}) });
      return response;
    } catch (error) {
      if (timeout.aborted && !init?.signal?.aborted) {
        report?.({ method, path: where, error: `no answer within ${timeoutMs} ms` });
        throw new TypeError('fetch failed', { cause: new Error(`No answer from GitHub within ${timeoutMs} ms`) });
      }
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      report?.({ method, path: where, error: cause ?? (error as Error).message });
      throw error;
    }
  };
}
