/** Worker thread body: renders batches of policy and control bodies for `renderBodiesInWorkers`. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderBody, type BodyContext, type BodyJob } from './render-bodies.js';

const port = parentPort;
if (port) {
  const data = workerData as { values: BodyContext['values']; targets: [string, string][] };
  const context: BodyContext = { values: data.values, targets: new Map(data.targets) };
  port.on('message', (batch: { id: number; jobs: BodyJob[] }) => {
    port.postMessage({ id: batch.id, html: batch.jobs.map((job) => renderBody(job, context)) });
  });
}
