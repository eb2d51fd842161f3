/**
 * Build a workspace package with `tsc -b` before a test that runs its compiled output (a worker
 * thread cannot load TypeScript sources), so the test never runs whatever happens to be on disk.
 * The build is incremental; test files building at the same time take turns through a lock
 * directory, so none reads a half-written dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock<T>(fn: () => T): T {
  const lock = path.join(os.tmpdir(), `evident-tsc-build-${Buffer.from(repositoryRoot).toString('hex').slice(-24)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is taken over after ten minutes.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone already
      }
      sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** `tsc -b packages/<name>`; throws with tsc's output when the build fails or `expected` is not written. */
export function buildPackage(name: 'core' | 'github' | 'bundle' | 'cli', expected: string): void {
  withLock(() => {
    try {
      execFileSync(process.execPath, [path.join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-b', `packages/${name}`], { cwd: repositoryRoot, stdio: 'pipe' });
    } catch (error) {
      const output = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`Building packages/${name} (tsc -b packages/${name}) failed, so its compiled output cannot be tested:\n${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? String(error)}`);
    }
  });
  if (!existsSync(expected)) throw new Error(`tsc -b packages/${name} did not write ${expected}`);
}
