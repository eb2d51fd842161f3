import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from './test-support/build-package.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';

/**
 * The worker runs from the compiled package (a worker thread cannot load TypeScript sources), as the
 * CLI runs it: the package (and the core it imports) is built from the current sources first.
 */
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const coreDist = fileURLToPath(new URL('../../core/dist/index.js', import.meta.url));

let fixture: FixtureRepository;
let out: string;
let scripts = 0;

beforeAll(async () => {
  buildPackage('bundle', dist);
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-worker-'));
}, 300_000);

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

/** Run a script against the compiled package in a fresh Node process; it prints one JSON line. */
async function runScript(body: string): Promise<Record<string, unknown>> {
  const file = path.join(out, `run-${++scripts}.mjs`);
  await writeFile(file, `const bundle = await import(${JSON.stringify(dist)});\nconst core = await import(${JSON.stringify(coreDist)});\nconst request = ${JSON.stringify({ root: fixture.root, toolVersion: '0.1.0', now: '2026-05-15T00:00:00Z', release: 'v1.0.0' })};\n${body}`);
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('buildBundleInWorker (compiled)', () => {
  it('builds the same bytes as buildBundle on the calling thread, reporting its plan and progress', async () => {
    const outcome = await runScript(`
      const planned = [];
      const progress = [];
      const summary = await bundle.buildBundleInWorker({ ...request, outDir: ${JSON.stringify(path.join(out, 'worker'))}, renderThreads: 1 }, {
        worker: bundle.defaultBundleWorker(),
        onPlanned: (p) => planned.push(p),
        onProgress: (p) => progress.push(p),
      });
      const here = bundle.summarizeBundle(await bundle.buildBundle(bundle.bundleOptions({ ...request, outDir: ${JSON.stringify(path.join(out, 'here'))} })));
      console.log(JSON.stringify({ summary, here, planned, last: progress.at(-1), count: progress.length }));
    `);
    const summary = outcome.summary as Record<string, unknown>;
    const here = outcome.here as Record<string, unknown>;
    expect(summary.sha256).toBe(here.sha256);
    expect({ ...summary, path: undefined }).toEqual({ ...here, path: undefined });
    expect(path.basename(summary.path as string)).toBe('evident-bundle-v1.0.0.zip');
    expect(summary.chain).toEqual({ records: expect.any(Number), head: expect.any(String), problems: [], signatureFindings: [] });
    const [planned] = outcome.planned as { files: number; evidence: number; evidenceBytes: number }[];
    expect(planned!.evidence).toBeGreaterThan(0);
    expect(planned!.files).toBe((summary.entries as number) - 2);
    expect(outcome.last).toMatchObject({ pages: planned!.files - planned!.evidence, files: planned!.evidence, totalFiles: planned!.evidence });
  });

  it('rejects with the class of a user-caused error (no evident.yaml), and with BundleHeapExceededError when the heap limit is too small', async () => {
    const outcome = await runScript(`
      const worker = bundle.defaultBundleWorker();
      const scope = await bundle.buildBundleInWorker({ ...request, root: ${JSON.stringify(path.join(out, 'no-such-repository'))}, outDir: ${JSON.stringify(path.join(out, 'x'))} }, { worker }).catch((e) => e);
      const heap = await bundle.buildBundleInWorker({ ...request, outDir: ${JSON.stringify(path.join(out, 'y'))} }, { worker, resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } }).catch((e) => e);
      console.log(JSON.stringify({
        scope: { name: scope.name, message: scope.message, isClass: scope instanceof core.ConfigNotFoundError },
        heap: { name: heap.name, message: heap.message, isClass: heap instanceof bundle.BundleHeapExceededError },
      }));
    `);
    expect(outcome.scope).toMatchObject({ name: 'ConfigNotFoundError', isClass: true });
    expect(outcome.heap).toEqual({ name: 'BundleHeapExceededError', message: 'The bundle needed more than the 4 MiB heap of its worker thread', isClass: true });
  });
});
