import { checkRepository, createValidators, defaultParseWorker, formatDiagnosticsText, readRepository, type CheckResult, type RepositoryModel } from '@evident/core';
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
 * The checked repository and its model. When evident.yaml is unusable there is no model: its
 * findings go to stderr and the result is undefined (the command exits 2).
 */
export async function loadRepositoryModel(root: string, today: string, io: CliIo): Promise<(CheckResult & { model: RepositoryModel }) | undefined> {
  const checked = await loadCheckedRepository(root, today);
  if (checked.model) return { ...checked, model: checked.model };
  io.stderr(formatDiagnosticsText(checked.diagnostics, io.errStyle));
  return undefined;
}
