import type { CliIo } from './cli-io.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** What @evident/github throws when GitHub or git cannot do what was asked, and a rewritten evidence branch (EvidenceHistoryError). */
const ENVIRONMENT_FAULTS: ReadonlySet<string> = new Set(['GitHubRequestError', 'EvidencePushError', 'EvidenceBranchError', 'EvidenceChainError', 'EvidenceRewriteError', 'EvidenceHistoryError', 'CommitNotFoundError', 'AcknowledgmentRequestError', 'SigningKeyError', 'SigstoreSettingError']);

/**
 * Environment faults (GitHub, git) become one clear line, with any credentials in URLs blanked
 * out, then what it means for the command, and exit code 2; anything else is rethrown.
 */
export async function reportEnvironmentFault(error: unknown, io: CliIo, consequence: string): Promise<ExitCodeValue> {
  // Loaded on demand, as the commands that meet these faults load them.
  const [{ firstLine }, { GitError }] = await Promise.all([import('@evident/github'), import('simple-git')]);
  const err = error as Error | undefined;
  if (!(error instanceof GitError) && !ENVIRONMENT_FAULTS.has(err?.name ?? '')) throw error;
  io.stderr(`${io.errStyle.red('error')} ${firstLine(err?.message ?? String(error))}\n`);
  // A chain that fails verification: every finding, one per line.
  for (const p of (error as { problems?: { problem: string; file: string; message: string }[] }).problems ?? []) io.stderr(`  ${p.problem} ${p.file ? `${p.file} ` : ''}${p.message}\n`);
  io.stderr(`${consequence}\n`);
  return ExitCode.usage;
}
