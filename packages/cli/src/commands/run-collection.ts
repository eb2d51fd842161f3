import type { RepositoryModel } from '@evident/core';
import type { CliIo } from '../cli-io.js';
import { resolveRoot, resolveToday } from '../common-options.js';
import { evidenceAppendOptions, type EvidenceAppendOptions } from '../evidence-append-options.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { openGitHubSession, type GitHubSession } from '../github-session.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';
import { configuredRepositories } from './configured-repositories.js';

/** What a collecting command collects with: the checked repository, the GitHub session and the repositories to read, and how to append. */
export interface Collection {
  model: RepositoryModel;
  session: GitHubSession;
  repositories: GitHubSession['repository'][];
  append: EvidenceAppendOptions;
}

export interface CollectionSteps<T> {
  /** The command as it names itself in unsigned records, e.g. `evident access collect`. */
  command: string;
  /** What the command needs of the model before GitHub is opened (a UsageError stops it there). */
  prepare: (model: RepositoryModel) => T;
  /** Collect, append and report; its exit code is the command's. */
  collect: (collection: Collection, prepared: T) => Promise<ExitCodeValue>;
}

/** The record ids a collection appended, with their files, and those already on the branch. */
export function appendedFiles(append: { appended: readonly { file: string; record: { id: string } }[]; skipped: readonly string[] } | undefined): { files: Map<string, string>; skipped: Set<string> } {
  return { files: new Map(append?.appended.map((a) => [a.record.id, a.file]) ?? []), skipped: new Set(append?.skipped ?? []) };
}

/**
 * The shape every collecting command shares: read and check the repository (exit 2, its findings on
 * stderr, when it does not load), `prepare`, open GitHub for the repositories to collect (--repo,
 * evident.yaml `evidence.repositories`, GITHUB_REPOSITORY), then `collect` with the append options
 * (--dry-run, --remote, the evidence branch, the committer, the signer). An environment fault (GitHub,
 * git, a signing key or setting) is said on stderr with exit 2, and nothing is recorded.
 */
export async function runCollection<T>(values: Record<string, unknown>, io: CliIo, steps: CollectionSteps<T>): Promise<ExitCodeValue> {
  const root = resolveRoot(values, io);
  const result = await loadRepositoryModel(root, resolveToday({}, io), io, { json: values.format === 'json' });
  if (!result) return ExitCode.usage;
  const { model } = result;
  const prepared = steps.prepare(model);
  const { session, repositories } = await configuredRepositories(values, model.config, io, openGitHubSession);
  try {
    const append = await evidenceAppendOptions(values, io, root, model.config.evidence.branch, session.progress, steps.command);
    return await steps.collect({ model, session, repositories, append }, prepared);
  } catch (error) {
    return reportEnvironmentFault(error, io, 'Nothing was recorded.');
  }
}
