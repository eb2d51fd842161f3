import { ConfigNotFoundError, ConfigUnreadableError, type ChainProblem, type Diagnostic, type Finding } from '@evident/core';
import type { BundleSummary, PlannedBundle } from './bundle-summary.js';
import { BundleScopeError } from './read/bundle-scope-error.js';
import { EvidenceHistoryError } from './read/evidence-history-error.js';
import { PlaceholdersError } from './read/placeholders-error.js';
import { EvidenceChangedError } from './write/evidence-changed-error.js';
import type { WriteProgress } from './write/write-bundle.js';

/**
 * An error as plain data. The errors a user can cause (evident.yaml missing, unreadable or unusable
 * for a bundle, starter placeholders, a rewritten evidence branch, evidence changed while writing) keep their class and what they carry, so the CLI
 * reports them as it does on its own thread; any other keeps its name, message and stack.
 */
export type Failure =
  | { name: 'BundleScopeError'; message: string; diagnostics: Diagnostic[] }
  | { name: 'PlaceholdersError'; diagnostics: Diagnostic[] }
  | { name: 'EvidenceHistoryError'; branch: string; tip: string; problems: ChainProblem[] }
  | { name: 'EvidenceChangedError'; file: string }
  | { name: 'ConfigNotFoundError'; root: string }
  | { name: 'ConfigUnreadableError'; finding: Finding }
  | { name: 'Error'; original: string; message: string; stack?: string };

/** What the bundle worker tells the thread that started it. */
export type WorkerMessage =
  | { type: 'planned'; planned: PlannedBundle }
  | { type: 'progress'; progress: WriteProgress }
  | { type: 'done'; summary: BundleSummary }
  | { type: 'failed'; failure: Failure };

export function describeFailure(error: unknown): Failure {
  if (error instanceof BundleScopeError) return { name: 'BundleScopeError', message: error.message, diagnostics: error.diagnostics };
  if (error instanceof PlaceholdersError) return { name: 'PlaceholdersError', diagnostics: error.diagnostics };
  if (error instanceof EvidenceHistoryError) return { name: 'EvidenceHistoryError', branch: error.branch, tip: error.tip, problems: error.problems };
  if (error instanceof EvidenceChangedError) return { name: 'EvidenceChangedError', file: error.file };
  if (error instanceof ConfigNotFoundError) return { name: 'ConfigNotFoundError', root: error.root };
  if (error instanceof ConfigUnreadableError) return { name: 'ConfigUnreadableError', finding: error.finding };
  if (error instanceof Error) return { name: 'Error', original: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', original: 'Error', message: String(error) };
}

/** The error a failure describes: the same class for one a user can cause. */
export function failureError(failure: Failure): Error {
  switch (failure.name) {
    case 'BundleScopeError':
      return new BundleScopeError(failure.message, failure.diagnostics);
    case 'PlaceholdersError':
      return new PlaceholdersError(failure.diagnostics);
    case 'EvidenceHistoryError':
      return new EvidenceHistoryError(failure.branch, failure.tip, failure.problems);
    case 'EvidenceChangedError':
      return new EvidenceChangedError(failure.file);
    case 'ConfigNotFoundError':
      return new ConfigNotFoundError(failure.root);
    case 'ConfigUnreadableError':
      return new ConfigUnreadableError(failure.finding);
    default: {
      const error = new Error(failure.message);
      error.name = failure.original;
      if (failure.stack) error.stack = failure.stack;
      return error;
    }
  }
}
