import type { GitHubClient, RepositoryName } from '@evident/github';
import type { CliIo } from './cli-io.js';
import type { OptionSpec } from './command.js';
import { UsageError } from './exit-codes.js';
import { VERSION } from './version.js';

/** `--repo`, shared by the commands that talk to GitHub. */
export const repoOption: OptionSpec = { type: 'string', value: 'OWNER/NAME', description: 'Repository on GitHub (default: GITHUB_REPOSITORY).' };

/** `--remote`: where the evidence branch is read from and pushed to. */
export const remoteOption: OptionSpec = { type: 'string', value: 'NAME', description: 'Remote holding the evidence branch (default: origin).' };

/** `--dry-run` of the commands that read GitHub and append records. */
export const collectDryRunOption: OptionSpec = { type: 'boolean', description: 'Read from GitHub and print what would be recorded; write nothing.' };

/** Environment variables the GitHub commands read, as on a GitHub Actions runner. */
export const GITHUB_ENVIRONMENT_HELP = [
  'Environment: GITHUB_TOKEN (required; never printed), GITHUB_API_URL (default https://api.github.com),',
  'GITHUB_REPOSITORY (OWNER/NAME, when --repo is not given), EVIDENT_GITHUB_RETRIES (default 4) and',
  'EVIDENT_GITHUB_RETRY_DELAY_MS (default 1000): 5xx answers, dropped connections, timeouts and rate limits are retried with backoff.',
].join('\n');

export interface GitHubSession {
  client: GitHubClient;
  repository: RepositoryName;
  /** Progress of the GitHub and git work, one line each on stderr. */
  progress: (message: string) => void;
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`Unexpected ${name} \`${value}\`, expected a whole number`);
  return Number(value);
}

/**
 * A GitHub client built from `io.env` (GITHUB_TOKEN, GITHUB_API_URL) and the repository from
 * --repo or GITHUB_REPOSITORY. Retries and rate limits are reported on stderr; the token never is.
 */
export async function openGitHubSession(values: Record<string, unknown>, io: CliIo): Promise<GitHubSession> {
  const { createOctokit, firstLine, parseRepositoryName } = await import('@evident/github');
  const token = io.env.GITHUB_TOKEN?.trim();
  if (!token) throw new UsageError('GITHUB_TOKEN is not set: export a token that can read pull requests of the repository (in GitHub Actions, pass `secrets.GITHUB_TOKEN` through `env`)');
  const baseUrl = io.env.GITHUB_API_URL?.trim() || 'https://api.github.com';
  // The URL is shown with any credentials in it blanked out.
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) throw new UsageError(`Unexpected GITHUB_API_URL \`${firstLine(baseUrl)}\`, expected an http(s) URL such as https://api.github.com`);
  const named = typeof values.repo === 'string' ? values.repo : io.env.GITHUB_REPOSITORY;
  if (!named) throw new UsageError('No repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY');
  const repository = parseRepositoryName(named);
  if (!repository) throw new UsageError(`Unexpected repository \`${named}\`, expected OWNER/NAME`);
  const retries = positiveInteger('EVIDENT_GITHUB_RETRIES', io.env.EVIDENT_GITHUB_RETRIES);
  const retryBaseMs = positiveInteger('EVIDENT_GITHUB_RETRY_DELAY_MS', io.env.EVIDENT_GITHUB_RETRY_DELAY_MS);
  const client = createOctokit({
    token,
    baseUrl,
    userAgent: `evident/${VERSION}`,
    ...(retries !== undefined ? { retries } : {}),
    ...(retryBaseMs !== undefined ? { retryBaseMs } : {}),
    onFailedAttempt: (a) => io.stderr(`${io.errStyle.yellow('retry')} GitHub ${a.status ? `answered HTTP ${a.status}` : `failed (${a.error ?? 'no answer'})`} for \`${a.method} ${a.path}\`\n`),
    onRateLimit: (n) => io.stderr(`${io.errStyle.yellow('retry')} GitHub ${n.kind} rate limit on \`${n.method} ${n.url}\`: ${n.willRetry ? `waiting ${n.retryAfterSeconds} s` : 'giving up'}\n`),
  });
  return { client, repository, progress: (message) => io.stderr(`${io.errStyle.dim(message)}\n`) };
}

/** Identity of evidence commits: GIT_COMMITTER_NAME / GIT_COMMITTER_EMAIL when set, else Evident's. */
export function committerFrom(io: CliIo): { name: string; email: string } {
  return { name: io.env.GIT_COMMITTER_NAME?.trim() || 'Evident', email: io.env.GIT_COMMITTER_EMAIL?.trim() || 'evident@users.noreply.github.com' };
}
