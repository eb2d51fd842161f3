/**
 * Run a bundled action as the GitHub runner does: a Node process with the runner's
 * environment, and the files the runner reads back afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RunnerResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Name/value pairs written to GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** The job summary written to GITHUB_STEP_SUMMARY. */
  summary: string;
}

export interface RunnerOptions {
  workspace: string;
  eventName?: string;
  event?: object;
  /** Inputs by their action.yml name (`base-ref`), passed as INPUT_<NAME>. */
  inputs?: Record<string, string>;
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Parse the `name<<DELIMITER` blocks (and plain `name=value` lines) of a GITHUB_OUTPUT file. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== heredoc[2]; i += 1) value.push(lines[i]!);
      outputs[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

/** Spawn `node <script>` with a clean runner environment; nothing of the calling process's GITHUB_* leaks in. */
export async function runAction(script: string, options: RunnerOptions): Promise<RunnerResult> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'evident-runner-'));
  try {
    const files = { event: path.join(temp, 'event.json'), output: path.join(temp, 'output'), summary: path.join(temp, 'summary.md'), state: path.join(temp, 'state'), env: path.join(temp, 'env'), path: path.join(temp, 'path') };
    await writeFile(files.event, JSON.stringify(options.event ?? {}));
    await Promise.all([files.output, files.summary, files.state, files.env, files.path].map((f) => writeFile(f, '')));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'example/program',
      GITHUB_SHA: '1111111111111111111111111111111111111111',
      RUNNER_TEMP: temp,
      ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
      ...options.env,
    };
    const child = spawn(process.execPath, [script], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    }).finally(() => clearTimeout(timer));
    return {
      exitCode,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      outputs: parseOutputFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
