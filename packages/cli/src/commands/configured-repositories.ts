import type { EvidentConfig } from '@evident/core';
import type { GitHubSession } from '../github-session.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';

/** The repositories to read: --repo, else evident.yaml `evidence.repositories`, else GITHUB_REPOSITORY; and a GitHub session. */
export async function configuredRepositories(
  values: Record<string, unknown>,
  config: EvidentConfig,
  io: CliIo,
  open: (values: Record<string, unknown>, io: CliIo) => Promise<GitHubSession>,
): Promise<{ session: GitHubSession; repositories: GitHubSession['repository'][] }> {
  const { parseRepositoryName } = await import('@evident/github');
  const configured = config.evidence.repositories;
  const session = await open({ repo: typeof values.repo === 'string' ? values.repo : (configured[0] ?? io.env.GITHUB_REPOSITORY) }, io);
  if (typeof values.repo === 'string' || configured.length === 0) return { session, repositories: [session.repository] };
  const repositories = configured.map((name) => {
    const parsed = parseRepositoryName(name);
    if (!parsed) throw new UsageError(`Unexpected repository \`${name}\` in \`evidence.repositories\`, expected OWNER/NAME`);
    return parsed;
  });
  return { session, repositories };
}
