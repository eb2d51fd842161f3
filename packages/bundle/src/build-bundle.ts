import path from 'node:path';
import type { BundleInputs } from './bundle-inputs.js';
import { plannedBundle, type PlannedBundle } from './bundle-summary.js';
import { buildBundleView, type BundleView } from './model/build-bundle-view.js';
import { bodyContext, planBundle } from './plan/plan-bundle.js';
import { defaultRenderWorker, renderBodiesInWorkers } from './render/render-bodies-in-workers.js';
import { readBundleInputs, type ReadBundleOptions } from './read/read-bundle-inputs.js';
import { writeBundle, type WriteOptions, type WrittenBundle } from './write/write-bundle.js';

export interface BuildBundleOptions extends ReadBundleOptions, Omit<WriteOptions, 'afterBodies'> {
  /** Folder the zip is written to. */
  outDir: string;
  /** Worker threads that render policy and control bodies (0: on this thread; the HTML is the same). */
  renderThreads?: number;
  /** Called once the bundle is planned, before writing starts. */
  onPlanned?(planned: PlannedBundle): void;
}

export interface BuiltBundle extends WrittenBundle {
  view: BundleView;
}

/**
 * read → plan → write: the whole `evident bundle`. Once the bundle is planned, the inputs are
 * left to the view and the plan: nothing here holds them while the bundle is written.
 */
export async function buildBundle(options: BuildBundleOptions): Promise<BuiltBundle> {
  const { view, plan, renderer } = await planned(await readBundleInputs(options), options.renderThreads ?? 0);
  try {
    options.onPlanned?.(plannedBundle(plan.entries.length, view.evidence));
    const written = await writeBundle(plan, path.join(options.outDir, plan.fileName), { ...options, afterBodies: () => renderer?.close() });
    return { ...written, view };
  } finally {
    await renderer?.close();
  }
}

/** The view and the plan, with the body renderer the plan's pages use (worker threads, when there are any). */
async function planned(inputs: BundleInputs, renderThreads: number) {
  const view = buildBundleView(inputs);
  const worker = renderThreads > 0 ? defaultRenderWorker() : undefined;
  const renderer = worker ? renderBodiesInWorkers(bodyContext(view), renderThreads, worker) : undefined;
  try {
    return { view, renderer, plan: planBundle(inputs, view, renderer ? { renderBody: renderer.render } : {}) };
  } catch (error) {
    await renderer?.close();
    throw error;
  }
}
