import type { IsoDate } from '@evident/core';
import type { TrustedRootFile } from '@evident/sigstore';
import type { AuditPeriod } from './bundle-inputs.js';
import type { ManifestCrossCheck } from './plan/bundle-plan.js';
import type { BuildBundleOptions } from './build-bundle.js';

/** `BuildBundleOptions` as plain data, so it can cross to a worker thread: the clock is an instant, worker modules are URLs as text. */
export interface BundleRequest {
  root: string;
  outDir: string;
  toolVersion: string;
  /** The instant standing for now (ISO 8601), used only when neither `today` nor a source commit gives the assessment date. */
  now: string;
  today?: IsoDate;
  period?: AuditPeriod;
  release?: string;
  /** Parse policies and controls on worker threads: the compiled parse worker's URL. */
  parallel?: { worker: string; threads: number; minDocuments: number };
  renderThreads?: number;
  /** Build even though the program still holds starter placeholders (recorded in the manifest). */
  allowPlaceholders?: boolean;
  /** The GitHub cross-check run before the build (recorded in the manifest). */
  githubCrossCheck?: ManifestCrossCheck;
  /** Sigstore trusted roots besides the shipped public-good one, to verify keyless record signatures (e.g. GitHub's instance). */
  trustedRoots?: TrustedRootFile[];
}

/** The options `buildBundle` takes for a request, with the caller's progress hooks. Pure. */
export function bundleOptions(request: BundleRequest, hooks: Pick<BuildBundleOptions, 'onPlanned' | 'onProgress'> = {}): BuildBundleOptions {
  const { now, parallel, ...rest } = request;
  const instant = new Date(now);
  return { ...rest, ...hooks, now: () => instant, ...(parallel ? { parallel: { ...parallel, worker: new URL(parallel.worker) } } : {}) };
}
