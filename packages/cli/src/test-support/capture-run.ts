import { expect } from '@jest/globals';
import { plainStyle, type Style } from '@evident/core';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { runCli } from '../run-cli.js';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CaptureOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Styling of stdout and stderr (default: plain). */
  style?: Style;
  /** The clock (default: 2026-10-02T09:30:00.123Z). */
  now?: Date;
  /** The commands to run (default: every `evident` command). */
  commands?: readonly Command[];
}

/** Core's fixture repositories. */
export const coreFixture = (page: string, variant: 'ok' | 'not-ok') => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../core/test/fixtures', page, variant);

/** Run `evident` in memory with a fixed clock and plain output. */
export async function capture(argv: string[], options: CaptureOptions): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const now = options.now ?? new Date('2026-10-02T09:30:00.123Z');
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd: options.cwd,
    env: options.env ?? {},
    style: options.style ?? plainStyle,
    errStyle: options.style ?? plainStyle,
    stderrIsTTY: false,
    now: () => now,
  };
  const code = await runCli(argv, io, options.commands);
  return { code, stdout, stderr };
}

/** `evident` as the check, coverage and help tests run it: in a clean fixture, on 2026-11-26. */
export function captureInFixture(argv: string[], options: Partial<CaptureOptions> = {}): Promise<CapturedRun> {
  return capture(argv, { cwd: coreFixture('schema', 'ok'), now: new Date('2026-11-26T12:00:00Z'), ...options });
}

/** The shape of a Node.js stack trace line. */
export const stackTrace = /\n\s+at .+[:(]/;

/** A user mistake or an environment fault is one clear line: never a stack trace or an "internal error". */
export function expectNoStackTrace(result: CapturedRun): void {
  expect(result.stdout).not.toMatch(stackTrace);
  expect(result.stderr).not.toMatch(stackTrace);
  expect(result.stderr).not.toContain('internal error');
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
