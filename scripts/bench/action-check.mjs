#!/usr/bin/env node
// Benchmark of the bundled check action (packages/actions/check/dist/index.js) started as a
// process, the way the runner starts it, on this repository's own content: a pull_request
// event whose base is a commit of this repository (default HEAD) and whose head is the
// work tree. Compared, in the same run and alternating, with the floor of starting Node
// (`node -e ''`). The budget is 1 s wall on a 2-core machine.
// Usage: node scripts/build-actions.mjs && node scripts/bench/action-check.mjs [--runs N] [--base REF] [--root DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compare, median, runNode } from './measure.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(repoRoot, 'packages/actions/check/dist/index.js');
const budgetSeconds = 1;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, base: { type: 'string', default: 'HEAD' }, root: { type: 'string' } } });
const workspace = path.resolve(values.root ?? repoRoot);
if (!existsSync(bundle)) throw new Error(`Missing ${path.relative(repoRoot, bundle)}: run \`node scripts/build-actions.mjs\``);

const baseSha = execFileSync('git', ['rev-parse', '--verify', `${values.base}^{commit}`], { cwd: workspace, encoding: 'utf8' }).trim();
const temp = mkdtempSync(path.join(os.tmpdir(), 'evident-bench-action-'));
const files = { event: path.join(temp, 'event.json'), output: path.join(temp, 'output'), summary: path.join(temp, 'summary.md') };
writeFileSync(files.event, JSON.stringify({ action: 'synchronize', pull_request: { number: 1, base: { ref: 'main', sha: baseSha }, head: { ref: 'bench', sha: baseSha } } }));
const env = {
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: workspace,
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: files.event,
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'example/evident',
  GITHUB_SHA: baseSha,
  RUNNER_TEMP: temp,
  INPUT_ROOT: '.',
  'INPUT_BASE-REF': '',
  INPUT_STRICT: 'false',
};

/** CPU time (user + system) of the Node process itself, written at exit: less sensitive to other load than wall time. */
const cpuFile = path.join(temp, 'cpu');
const reportCpu = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeFileSync(${JSON.stringify(cpuFile)},String((u.user+u.system)/1e6))})`;
const cpu = { action: [], floor: [] };

function runAction() {
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const result = runNode(['--import', reportCpu, bundle], { cwd: workspace, env });
  cpu.action.push(Number(readFileSync(cpuFile, 'utf8')));
  return result;
}

function runFloor() {
  const result = runNode(['--import', reportCpu, '-e', '']);
  cpu.floor.push(Number(readFileSync(cpuFile, 'utf8')));
  return result;
}

try {
  const first = runAction();
  const summary = readFileSync(files.summary, 'utf8');
  if (!summary.startsWith('## Evident check')) throw new Error(`The action did not write its summary (exit ${first.status}):\n${first.stdout.slice(-2000)}${first.stderr}`);
  const outputs = readFileSync(files.output, 'utf8');
  const runs = Number(values.runs);
  cpu.action.length = 0;
  const load = os.loadavg()[0];
  const result = compare({ runs, subject: runAction, floor: runFloor });
  const verdict = summary.split('\n')[0].replace('## ', '');
  const cores = os.availableParallelism();
  const ms = (s) => `${Math.round(s * 1000)} ms`;
  console.log(`check action on ${path.relative(process.cwd(), workspace) || '.'}, base ${values.base} (${baseSha.slice(0, 12)}), ${runs} runs, ${cores} cores, Node ${process.version}`);
  console.log(`  ${verdict}; outputs: ${outputs.match(/^(errors|warnings)<<|^changed-policies<</gm)?.length ?? 0} written; first run exit ${first.status}`);
  console.log(`  median ${ms(result.subject)}, floor (node -e '') ${ms(result.floor)}, ratio ${result.ratio.toFixed(1)}x, above floor ${ms(result.subject - result.floor)}, peak RSS ${Math.round(result.peakRssMiB)} MiB`);
  console.log(`  CPU (user+system, main process): median ${ms(median(cpu.action))}, floor ${ms(median(cpu.floor))}; load average ${load.toFixed(1)} at start${load > cores / 2 ? ' (a busy machine: wall times are inflated)' : ''}`);
  console.log(`  budget ${ms(budgetSeconds)} wall: ${result.subject <= budgetSeconds ? 'within' : 'OVER'}`);
  console.log('');
  console.log('| Benchmark | Median wall | Floor (`node -e \'\'`) | Ratio | Median CPU | Peak RSS | Runs | Machine |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(`| check action, bundled, on this repository (base ${values.base}) | ${ms(result.subject)} | ${ms(result.floor)} | ${result.ratio.toFixed(1)}× | ${ms(median(cpu.action))} | ${Math.round(result.peakRssMiB)} MiB | ${runs} | ${cores} cores, Node ${process.version}, load ${load.toFixed(1)} |`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
