/** Worker thread body: builds one bundle for `buildBundleInWorker` and reports back as plain messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildBundle } from './build-bundle.js';
import { bundleOptions, type BundleRequest } from './bundle-request.js';
import { summarizeBundle } from './bundle-summary.js';
import { describeFailure, type WorkerMessage } from './bundle-worker-messages.js';

const PROGRESS_INTERVAL = 50;
const port = parentPort;
if (port) {
  const post = (message: WorkerMessage) => port.postMessage(message);
  // Progress crosses at most every 50 ms, and at the end of each phase: tens of thousands of messages would cost seconds.
  let last = 0;
  const options = bundleOptions(workerData as BundleRequest, {
    onPlanned: (planned) => post({ type: 'planned', planned }),
    onProgress: (progress) => {
      const now = Date.now();
      const phaseEnd = progress.pages === progress.totalPages && (progress.files === 0 || progress.files === progress.totalFiles);
      if (now - last < PROGRESS_INTERVAL && !phaseEnd) return;
      last = now;
      post({ type: 'progress', progress });
    },
  });
  buildBundle(options).then(
    (built) => post({ type: 'done', summary: summarizeBundle(built) }),
    (error: unknown) => post({ type: 'failed', failure: describeFailure(error) }),
  );
}
