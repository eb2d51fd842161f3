import path from 'node:path';
import type { BundleInputs } from './bundle-inputs.js';
import { plannedBundle, type PlannedBundle } from './bundle-summary.js';
import { buildBundleView, type BundleView } from './model/build-bundle-view.js';
import { bodyContext, planBundle } from './plan/plan-bundle.js';
import { defaultRenderWorker, renderBodiesInWorkers } from './render/render-bodies-in-workers.js';
import { readBundleInputs, type ReadBundleOptions } from './read/read-bundle-inputs.js';
import { writeBundle, type WriteOptions, type WrittenBundle } from './write/write-bundle.js';

export interface BuildBundleOptions extends ReadBundleOptions, Omit<WriteOptions, 'afterPages'> {
  /** Folder the zip is written to. */
  outDir: string;
  /** Worker threads that render policy and control bodies (0: on this thread; the HTML is the same). */
  renderThreads?: number;
  /** Called once the bundle is planned, before writing starts. */
  onPlanned?(planned: PlannedBundle): void;
}

export interface BuiltBundle extends WrittenBundle {
  inputs: BundleInputs;
  view: BundleView;
}

/** read → plan → write: the whole `evident bundle`. */
export async function buildBundle(options: BuildBundleOptions): Promise<BuiltBundle> {
  const inputs = await readBundleInputs(options);
  const view = buildBundleView(inputs);
  const worker = options.renderThreads ? defaultRenderWorker() : undefined;
  const renderer = worker ? renderBodiesInWorkers(bodyContext(view), options.renderThreads!, worker) : undefined;
  try {
    const plan = planBundle(inputs, view, renderer ? { renderBody: renderer.render } : {});
    options.onPlanned?.(plannedBundle(plan.entries.length, view.evidence));
    const written = await writeBundle(plan, path.join(options.outDir, plan.fileName), { ...options, afterPages: () => renderer?.close() });
    return { ...written, inputs, view };
  } finally {
    await renderer?.close();
  }
}
