import type { GitHubClientOptions } from './create-octokit.js';

/** Client options that report each retried request and each rate-limit wait as one line (never the token). */
export function describeRetries(log: (line: string) => void): Pick<GitHubClientOptions, 'onFailedAttempt' | 'onRateLimit'> {
  return {
    onFailedAttempt: (a) => log(`GitHub ${a.status ? `answered HTTP ${a.status}` : `failed (${a.error ?? 'no answer'})`} for ${a.method} ${a.path}; retrying`),
    onRateLimit: (n) => log(`GitHub ${n.kind} rate limit on ${n.method} ${n.url}: ${n.willRetry ? `waiting ${n.retryAfterSeconds} s` : 'giving up'}`),
  };
}
