import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DocumentKind, PlainParseResult } from '../parse/parse-document.js';

export interface ParseJob {
  path: string;
  text: string;
  kind: DocumentKind;
}

/**
 * Parse many documents on `threads` worker threads; results come back in job
 * order, as plain data. `workerUrl` is the compiled parse-worker module.
 */
export async function parseInParallel(jobs: readonly ParseJob[], threads: number, workerUrl: URL): Promise<PlainParseResult[]> {
  const batchSize = Math.max(16, Math.ceil(jobs.length / (threads * 8)));
  const batches: { start: number; items: ParseJob[] }[] = [];
  for (let start = 0; start < jobs.length; start += batchSize) batches.push({ start, items: jobs.slice(start, start + batchSize) });
  const results: PlainParseResult[] = new Array(jobs.length);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const batch = batches[next++];
        if (!batch) return resolve();
        worker.once('message', (parsed: PlainParseResult[]) => {
          parsed.forEach((result, i) => (results[batch.start + i] = result));
          send();
        });
        worker.postMessage(batch.items);
      };
      worker.once('error', reject);
      send();
    });
  // A small young generation: each batch is small, and the default lets a worker's heap fill with garbage.
  const resourceLimits = { maxYoungGenerationSizeMb: 8 };
  const workers = Array.from({ length: Math.min(threads, batches.length) }, () => new Worker(workerUrl, { resourceLimits }));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** The compiled worker next to this module, when it exists (it does in dist/, not when running from sources). */
export function defaultParseWorker(): URL | undefined {
  const url = new URL('./parse-worker.js', import.meta.url);
  return existsSync(url) ? url : undefined;
}
