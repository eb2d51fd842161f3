import { checkRepository, CONFIG_FILE, ConfigNotFoundError, ConfigUnreadableError, createValidators, defaultParseWorker, formatDiagnosticsJson, formatDiagnosticsText, readRepository, toDiagnostics, type CheckResult, type RepositoryModel } from '@evident/core';
import { availableParallelism } from 'node:os';
import type { CliIo } from './cli-io.js';

/** Below this many documents, worker threads cost more than they save (docs/performance.md). */
const PARALLEL_THRESHOLD = 2000;

/** Parsing on worker threads, when the compiled worker exists (it does in dist/, not when running from sources). */
export function parallelParsing(): { worker: URL; threads: number; minDocuments: number } | undefined {
  const worker = defaultParseWorker();
  return worker ? { worker, threads: availableParallelism(), minDocuments: PARALLEL_THRESHOLD } : undefined;
}

/** Read a repository once and run the whole check pipeline over it. */
export async function loadCheckedRepository(root: string, today: string): Promise<CheckResult> {
  const validators = createValidators();
  const snapshot = await readRepository(root, { validators, parallel: parallelParsing() });
  return checkRepository(snapshot, { today, validators });
}

/**
 * evident.yaml missing or unreadable, as a check result: one `config` finding at evident.yaml, so that
 * a report in the format asked for can still be printed (exit code 2). Any other error is rethrown.
 */
export function configFaultResult(error: unknown): CheckResult {
  if (error instanceof ConfigUnreadableError) return { model: undefined, diagnostics: toDiagnostics([{ ...error.finding, ruleId: 'config' }], {}), configFailed: true };
  if (error instanceof ConfigNotFoundError) {
    const message = `Missing \`${CONFIG_FILE}\` in ${error.root}, expected the program's configuration: run \`evident init\` or pass --root to the repository that holds it`;
    return { model: undefined, diagnostics: toDiagnostics([{ ruleId: 'config', message, file: CONFIG_FILE }], {}), configFailed: true };
  }
  throw error;
}

/**
 * For `--format json` when evident.yaml is missing or unreadable: why, on stderr as without it, and the
 * `config` finding as a JSON document on stdout, as `evident check --format json` prints findings. Any
 * other error is rethrown.
 */
export function printConfigFault(error: unknown, io: CliIo): void {
  const fault = configFaultResult(error);
  io.stderr(`${io.errStyle.red('error')} ${(error as Error).message}\n`);
  io.stdout(formatDiagnosticsJson(fault.diagnostics));
}

/**
 * The checked repository and its model. When evident.yaml is missing or unusable there is no model:
 * its findings (or why it cannot be read) go to stderr and the result is undefined (the command exits
 * 2). With `json`, stdout gets them too, as `evident check --format json` prints findings, so that a
 * machine reading stdout gets a document saying why instead of nothing.
 */
export async function loadRepositoryModel(root: string, today: string, io: CliIo, options: { json?: boolean } = {}): Promise<(CheckResult & { model: RepositoryModel }) | undefined> {
  let checked: CheckResult;
  try {
    checked = await loadCheckedRepository(root, today);
  } catch (error) {
    if (!options.json) throw error;
    printConfigFault(error, io);
    return undefined;
  }
  if (checked.model) return { ...checked, model: checked.model };
  io.stderr(formatDiagnosticsText(checked.diagnostics, io.errStyle));
  if (options.json) io.stdout(formatDiagnosticsJson(checked.diagnostics));
  return undefined;
}
