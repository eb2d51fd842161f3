import { plainStyle } from '@evident/core';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli-io.js';
import { runCli } from '../run-cli.js';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Core's fixture repositories. */
export const coreFixture = (page: string, variant: 'ok' | 'not-ok') => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../core/test/fixtures', page, variant);

/** Run `evident` in memory with a fixed clock and plain output. */
export async function capture(argv: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd: options.cwd,
    env: options.env ?? {},
    style: plainStyle,
    errStyle: plainStyle,
    stderrIsTTY: false,
    now: () => new Date('2026-10-02T09:30:00.123Z'),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Temporary directories removed by `removeTemporary` (call it in afterEach). */
const temporary: string[] = [];

export async function temporaryDirectory(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-cli-'));
  temporary.push(dir);
  return dir;
}

/** A writable copy of a core fixture repository. */
export async function copyOfFixture(page: string, variant: 'ok' | 'not-ok'): Promise<string> {
  const root = path.join(await temporaryDirectory(), 'repo');
  await cp(coreFixture(page, variant), root, { recursive: true });
  return root;
}

export async function removeTemporary(): Promise<void> {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
