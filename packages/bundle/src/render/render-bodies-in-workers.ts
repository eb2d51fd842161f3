import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BodyContext, BodyJob, BodyRenderer } from './render-bodies.js';

/** The compiled worker beside this module, when it exists (in dist/, not when running from sources or a single-file bundle). */
export function defaultRenderWorker(): URL | undefined {
  const url = new URL('./render-worker.js', import.meta.url);
  return existsSync(url) ? url : undefined;
}

export interface WorkerRenderer {
  render: BodyRenderer;
  /** Stop the workers; pending renders reject. */
  close(): Promise<void>;
}

const BATCH = 16;

/**
 * Render bodies on `threads` worker threads. Jobs are batched as they arrive and
 * spread over the workers; each promise resolves with the same HTML `renderBody` gives.
 */
export function renderBodiesInWorkers(context: BodyContext, threads: number, workerUrl: URL): WorkerRenderer {
  const workerData = { values: context.values, targets: [...context.targets] };
  // Small heaps: bodies are small, and a worker's heap would otherwise grow to hundreds of megabytes of garbage.
  const resourceLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(workerUrl, { workerData, resourceLimits }));
  const pending = new Map<number, { resolve: (html: string[]) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let turn = 0;
  let queue: { job: BodyJob; resolve: (html: string) => void; reject: (error: unknown) => void }[] = [];
  let scheduled = false;
  let failure: unknown;

  for (const worker of workers) {
    worker.on('message', (message: { id: number; html: string[] }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(message.html);
    });
    worker.on('error', (error) => {
      failure = error;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  }

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, BATCH);
      queue = queue.slice(BATCH);
      const id = nextId++;
      pending.set(id, {
        resolve: (html) => batch.forEach((item, i) => item.resolve(html[i]!)),
        reject: (error) => batch.forEach((item) => item.reject(error)),
      });
      workers[turn++ % workers.length]!.postMessage({ id, jobs: batch.map((item) => item.job) });
    }
  };

  return {
    render: (job) =>
      new Promise<string>((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        queue.push({ job, resolve, reject });
        if (queue.length >= BATCH) flush();
        else if (!scheduled) {
          scheduled = true;
          queueMicrotask(flush);
        }
      }),
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
