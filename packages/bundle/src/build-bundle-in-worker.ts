import { existsSync } from 'node:fs';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { BundleRequest } from './bundle-request.js';
import type { BundleSummary, PlannedBundle } from './bundle-summary.js';
import { failureError, type WorkerMessage } from './bundle-worker-messages.js';
import type { WriteProgress } from './write/write-bundle.js';

/**
 * The heap the bundle is built in. V8 sizes a heap for the machine: on one with gigabytes free it
 * lets the young generation reach 48 MiB and the old one grow to several times its live data before
 * collecting. For 5,500 documents and 20,000 evidence files the build's live data is about 90 MiB
 * once planned and up to 110 MiB at the end; with these limits its heap stays within about 140 MiB,
 * at little cost in time (docs/performance.md).
 */
export const BUNDLE_HEAP: ResourceLimits = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 256 };

/** The build needed more heap than the worker thread's limit; building again without the limit (on the caller's thread) gives the same bundle. */
export class BundleHeapExceededError extends Error {
  override name = 'BundleHeapExceededError';
  constructor(readonly limitMb: number) {
    super(`The bundle needed more than the ${limitMb} MiB heap of its worker thread`);
  }
}

/** The compiled bundle worker beside this module, when it exists (in dist/, not when running from sources or a single-file bundle). */
export function defaultBundleWorker(): URL | undefined {
  const url = new URL('./bundle-worker.js', import.meta.url);
  return existsSync(url) ? url : undefined;
}

export interface InWorkerOptions {
  /** The compiled worker module (`defaultBundleWorker()`). */
  worker: URL;
  resourceLimits?: ResourceLimits;
  onPlanned?(planned: PlannedBundle): void;
  onProgress?(progress: WriteProgress): void;
}

/**
 * Build a bundle on a worker thread with its own heap limits, and resolve with its summary once the
 * worker has exited. Rejects with the worker's error (the same class for a scope problem or evidence
 * that changed), or with `BundleHeapExceededError` when the limits were too small for this repository.
 */
export function buildBundleInWorker(request: BundleRequest, options: InWorkerOptions): Promise<BundleSummary> {
  const resourceLimits = options.resourceLimits ?? BUNDLE_HEAP;
  return new Promise((resolve, reject) => {
    const worker = new Worker(options.worker, { workerData: request, resourceLimits });
    let outcome: { summary: BundleSummary } | { error: Error } | undefined;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'planned') options.onPlanned?.(message.planned);
      else if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') outcome = { summary: message.summary };
      else outcome = { error: failureError(message.failure) };
    });
    worker.on('error', (error: Error & { code?: string }) => {
      outcome ??= { error: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new BundleHeapExceededError(resourceLimits.maxOldGenerationSizeMb ?? 0) : error };
    });
    worker.on('exit', (code) => {
      if (outcome && 'summary' in outcome) resolve(outcome.summary);
      else reject(outcome?.error ?? new Error(`The bundle worker stopped with exit code ${code} before finishing`));
    });
  });
}
