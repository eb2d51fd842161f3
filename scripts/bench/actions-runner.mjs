// A stand-in for the GitHub Actions runner, for Evident's benchmarks: runs a job's steps one after
// the other as the runner starts them, and times each.
//   - a node action (`uses:`): `node <action>/<runs.main>` in the workspace, with the runner's
//     environment, the step's `env:`, one INPUT_<NAME> per input of its action.yml (the step's
//     `with:` value, else the input's default, `${{ github.* }}` expressions evaluated) and fresh
//     GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files;
//   - a shell step (`run:`): `bash --noprofile --norc -eo pipefail <script>` in the workspace.
// Post steps (such as actions/checkout's removal of credentials it did not persist) are not run.
// Each step's wall time, and its CPU time: user + system of the step's process and of every
// process it waited for, read from this process's children's times (proc-cpu.mjs) around the
// step, which runs synchronously (so no other child of this process ends meanwhile). Each step's
// output (standard output and error, as the runner's log shows them) is returned with its times.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cpuTimes } from './proc-cpu.mjs';

/** The one commit of `action` that a workflow pins (`uses: <action>@<sha>`, the same at every use). */
export function pinnedActionSha(workflowFile, action) {
  const text = readFileSync(workflowFile, 'utf8');
  const pattern = new RegExp(`uses:\\s*${action.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}@([0-9a-f]{40})\\b`, 'g');
  const shas = new Set([...text.matchAll(pattern)].map((m) => m[1]));
  if (shas.size !== 1) throw new Error(`Expected ${workflowFile} to pin ${action} at one full commit SHA, found ${shas.size}`);
  return [...shas][0];
}

/** Exactly `sha` of an action's repository (a git URL or path) in `dir`: init, fetch that commit, check out. */
export function fetchAction(source, sha, dir) {
  const git = (...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  if (existsSync(path.join(dir, '.git'))) {
    try {
      if (git('rev-parse', 'HEAD') === sha && git('status', '--porcelain') === '') return dir;
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git('init', '-q');
  git('fetch', '-q', '--depth', '1', source, sha);
  git('-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach', 'FETCH_HEAD');
  if (git('rev-parse', 'HEAD') !== sha) throw new Error(`Fetched ${git('rev-parse', 'HEAD')} from ${source}, expected ${sha}`);
  return dir;
}

/** An action's parsed action.yml (a node action's). Read at each use: a few hundred bytes, and no state kept between runs. */
function definition(actionDir) {
  const file = ['action.yml', 'action.yaml'].map((name) => path.join(actionDir, name)).find(existsSync);
  if (!file) throw new Error(`No action.yml in ${actionDir}`);
  const parsed = YAML.parse(readFileSync(file, 'utf8'));
  if (!/^node\d+$/.test(parsed.runs?.using ?? '')) throw new Error(`${file}: not a node action (${parsed.runs?.using})`);
  return parsed;
}

/** INPUT_* variables of a node action as the runner sets them. */
export function actionInputs(actionDir, withInputs, context) {
  const inputs = definition(actionDir).inputs ?? {};
  for (const name of Object.keys(withInputs)) if (!(name in inputs)) throw new Error(`${actionDir} has no input ${name}`);
  const env = {};
  for (const [name, spec] of Object.entries(inputs)) {
    const value = name in withInputs ? withInputs[name] : spec?.default;
    if (value === undefined || value === null) continue;
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value).replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expression) => {
      if (!(expression in context)) throw new Error(`${actionDir}: no value for \${{ ${expression} }}`);
      return context[expression];
    });
  }
  return env;
}

/** name=value and name<<DELIMITER lines of a GITHUB_OUTPUT-like file. */
export function parseFileCommands(text) {
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const heredoc = /^([^=]+?)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body = [];
      for (i += 1; i < lines.length && lines[i] !== heredoc[2]; i += 1) body.push(lines[i]);
      values[heredoc[1]] = body.join('\n');
    } else if (lines[i].includes('=')) {
      values[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return values;
}

/**
 * Run one step: { id, uses: actionDir, with, env } or { id, run: script, env }.
 * job: { workspace, runnerTemp, env (the runner's environment), context (for expressions), log }.
 * Returns { id, wall, cpu, outputs, log } (log: the step's standard output and error, read after
 * it ended); throws with the step's log when it fails.
 */
export function runStep(step, job) {
  const files = path.join(job.runnerTemp, '_runner_file_commands');
  mkdirSync(files, { recursive: true });
  const commandFiles = Object.fromEntries(
    ['OUTPUT', 'STATE', 'ENV', 'PATH', 'STEP_SUMMARY'].map((name) => {
      const file = path.join(files, `${name.toLowerCase()}_${step.id}`);
      writeFileSync(file, '');
      return [`GITHUB_${name}`, file];
    }),
  );
  const env = { ...job.env, ...commandFiles, GITHUB_ACTION: step.id, ...step.env };
  let command;
  let args;
  if (step.uses) {
    command = process.execPath;
    args = [path.join(step.uses, definition(step.uses).runs.main)];
    Object.assign(env, actionInputs(step.uses, step.with ?? {}, job.context));
  } else {
    const script = path.join(job.runnerTemp, `${step.id}.sh`);
    writeFileSync(script, `${step.run}\n`);
    command = 'bash';
    args = ['--noprofile', '--norc', '-eo', 'pipefail', script];
  }
  const log = openSync(job.log, 'w');
  const cpuBefore = cpuTimes().children;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: job.workspace, env, stdio: ['ignore', log, log] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = cpuTimes().children - cpuBefore;
  closeSync(log);
  const output = readFileSync(job.log, 'utf8');
  if (result.status !== 0) {
    throw new Error(`Step ${step.id} failed (${result.status ?? result.signal ?? result.error}):\n${output.slice(-4000)}`);
  }
  return { id: step.id, wall, cpu, outputs: parseFileCommands(readFileSync(commandFiles.GITHUB_OUTPUT, 'utf8')), log: output };
}

/** A fresh, empty workspace and runner temporary directory, as at the start of a job. */
export function freshJobDirectories(workspace, runnerTemp) {
  for (const dir of [workspace, runnerTemp]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
}
