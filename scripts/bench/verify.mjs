#!/usr/bin/env node
// Benchmark of `evident verify BUNDLE.zip` against `unzip -tq` (which inflates every entry and checks
// its CRC-32: the least any verification of the zip's content must do) on the same zip.
// By default builds the benchmark bundle of scripts/bench/bundle.mjs (the L repository and 20,000
// evidence files, 1 GiB), once; then times both tools a few times each, alternating, and reports
// medians of wall and CPU time (user + system, steadier on a shared machine), their ratios and the
// peak RSS of `evident verify`.
// Usage: node scripts/bench/verify.mjs [--runs 3] [--dir DIR] [--bundle FILE] [--keep]
// Needs the built CLI (npm run build), `unzip` and GNU time (/usr/bin/time).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cli = path.join(repoRoot, 'packages/cli/dist/bin.js');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, dir: { type: 'string' }, bundle: { type: 'string' }, keep: { type: 'boolean' } } });
const runs = Number(values.runs);

function timed(command, args, accepted = [0]) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (!accepted.includes(result.status)) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stdout.slice(-1000)}${result.stderr.slice(-2000)}`);
  const last = result.stderr.trim().split('\n').at(-1).split(' ');
  return { seconds: Number(last[0]), rssMiB: Number(last[1]) / 1024, cpuSeconds: Number(last[2]) + Number(last[3]), stdout: result.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const tool of [cli, '/usr/bin/time']) if (!existsSync(tool)) throw new Error(`Missing ${tool}: run npm run build and install GNU time`);
if (spawnSync('unzip', ['-v']).status !== 0) throw new Error('Missing unzip: apt-get install unzip');

const work = values.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'evident-bench-verify-')));
let bundle = values.bundle;
if (!bundle) {
  const out = path.join(work, 'out');
  const existing = existsSync(out) ? readdirSync(out).find((f) => /^evident-bundle-.*\.zip$/.test(f)) : undefined;
  if (existing) bundle = path.join(out, existing);
  else {
    // The repository of the bundle benchmark (generated there, kept in WORK/repo), bundled once.
    console.error(`Generating the benchmark repository in ${work}/repo`);
    const generated = spawnSync(process.execPath, [path.join(here, 'bundle.mjs'), '--runs', '0', '--dir', work], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (generated.status !== 0) throw new Error('Generating the repository failed');
    await mkdir(out, { recursive: true });
    console.error('Building the bundle');
    timed(process.execPath, [cli, 'bundle', '--root', path.join(work, 'repo'), '--out', out, '--now', '2026-12-31']);
    bundle = path.join(out, readdirSync(out).find((f) => /^evident-bundle-.*\.zip$/.test(f)));
  }
}
const listing = spawnSync('unzip', ['-l', bundle], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.trim();
const entries = Number(/(\d+) files?$/.exec(listing.split('\n').at(-1))?.[1]);
console.error(`Verifying ${bundle} (${(statSync(bundle).size / 2 ** 20).toFixed(0)} MiB)`);

// Warm the page cache once so the first timed run is not the only one reading from disk.
spawnSync('cat', [bundle], { stdio: ['ignore', 'ignore', 'ignore'] });

const verify = [];
const unzip = [];
for (let run = 0; run < runs; run += 1) {
  const measure = [() => verify.push(timed(process.execPath, [cli, 'verify', bundle])), () => unzip.push(timed('unzip', ['-tq', bundle]))];
  for (const m of run % 2 === 0 ? measure : measure.reverse()) m();
  if (!verify.at(-1).stdout.startsWith('OK ')) throw new Error(`evident verify did not accept the bundle: ${verify.at(-1).stdout.slice(0, 2000)}`);
  console.error(`run ${run + 1}: verify ${verify.at(-1).seconds}s (CPU ${verify.at(-1).cpuSeconds.toFixed(2)}s, ${verify.at(-1).rssMiB.toFixed(0)} MiB), unzip -t ${unzip.at(-1).seconds}s (CPU ${unzip.at(-1).cpuSeconds.toFixed(2)}s)`);
}

const v = median(verify.map((r) => r.seconds));
const u = median(unzip.map((r) => r.seconds));
const figures = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`,
  load: os.loadavg()[0].toFixed(1),
  bundleMiB: Math.round(statSync(bundle).size / 2 ** 20),
  entries,
  runs,
  verifySeconds: v,
  verifyRuns: verify.map((r) => r.seconds),
  unzipSeconds: u,
  unzipRuns: unzip.map((r) => r.seconds),
  ratio: Number((v / u).toFixed(2)),
  verifyCpuSeconds: median(verify.map((r) => r.cpuSeconds)),
  unzipCpuSeconds: median(unzip.map((r) => r.cpuSeconds)),
  cpuRatio: Number((median(verify.map((r) => r.cpuSeconds)) / median(unzip.map((r) => r.cpuSeconds))).toFixed(2)),
  peakRssMiB: Math.round(Math.max(...verify.map((r) => r.rssMiB))),
  unzipPeakRssMiB: Math.round(Math.max(...unzip.map((r) => r.rssMiB))),
};
console.log(JSON.stringify(figures, null, 2));
if (!values.keep && !values.dir && !values.bundle) await rm(work, { recursive: true, force: true });
