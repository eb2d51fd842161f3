#!/usr/bin/env node
// Start-up benchmark of `evident check` on the starter program: how much a fresh process costs
// beyond the floor `scripts/bench/floor-read-yaml.mjs` (read the same policies and controls and
// parse their frontmatter with `yaml`). The package is built as `npm run package` builds it and
// installed offline into a temporary folder; `evident init` scaffolds the starter program with
// it. Each round then runs, alternating so all see the same load, as fresh processes:
//   floor        node scripts/bench/floor-read-yaml.mjs PROGRAM
//   packed       node <installed evident-soc2>/dist/bin.js check  (what `evident check` runs)
//   dist         node packages/cli/dist/bin.js check              (the workspace build)
// Where Node has a compile cache (module.enableCompileCache, Node >= 22.1), each of packed and
// dist runs twice: cold (XDG_CACHE_HOME, where `evident` keeps its compile cache, and TMPDIR point
// at an empty folder, so nothing is cached) and warm (a folder that an earlier run filled). On
// Node 20 there is only cold.
//
// Usage: npm run build && node scripts/bench/startup.mjs [--runs 15] [--node PATH]... [--baseline TGZ] [--profile DIR]
//   --node     a Node binary to measure with (repeatable; default the one running this script)
//   --baseline a tarball of an earlier package, installed the same way and measured cold in the same rounds
//   --profile  also write one CPU profile (node --cpu-prof) of a cold and a warm packed check into DIR
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packCli } from '../package-cli.mjs';
import { median } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distBin = path.join(root, 'packages/cli/dist/bin.js');
const floorScript = path.join(root, 'scripts/bench/floor-read-yaml.mjs');
const now = '2026-11-26';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, node: { type: 'string', multiple: true }, baseline: { type: 'string' }, profile: { type: 'string' } } });
const runs = Number(values.runs);
const nodes = values.node?.length ? values.node.map((n) => path.resolve(n)) : [process.execPath];
if (!existsSync(distBin)) throw new Error('Missing packages/cli/dist/bin.js: run `npm run build` first');

const temp = mkdtempSync(path.join(os.tmpdir(), 'evident-bench-startup-'));
/** A plain environment: no registry reachable, no colours, nothing of the caller's Node options. */
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: temp, NO_COLOR: '1', npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: path.join(temp, 'npm-cache'), npm_config_update_notifier: 'false' };

function spawn(command, args, { cwd = temp, env = {} } = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...baseEnv, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  return { seconds, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * CPU time (user + system, all threads) of a measured Node process, written at its exit by a
 * preloaded module: less sensitive than wall time to what else runs on the machine. Every measured
 * process, floor included, carries the same preload.
 */
const cpuFile = path.join(temp, 'cpu');
const reportCpu = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeFileSync(${JSON.stringify(cpuFile)},String((u.user+u.system)/1e6))})`;
function measured(node, args, options) {
  const result = spawn(node, ['--import', reportCpu, ...args], options);
  return { ...result, cpu: Number(readFileSync(cpuFile, 'utf8')) };
}

function mustSucceed(what, result) {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${result.stdout.slice(-800)}${result.stderr.slice(-800)}`);
  return result;
}

const versionOf = (node) => spawn(node, ['--version']).stdout.trim();
const hasCompileCache = (node) => spawn(node, ['-p', "typeof require('node:module').enableCompileCache"]).stdout.trim() === 'function';

try {
  const load = { start: os.loadavg() };
  const packed = await packCli({ outDir: path.join(temp, 'pack') });
  const app = path.join(temp, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), '{ "name": "bench", "private": true }\n');
  mustSucceed('npm install --offline', spawn('npm', ['install', '--offline', '--no-audit', '--no-fund', packed.tarball], { cwd: app }));
  const packedBin = path.join(app, 'node_modules', packed.info.name, 'dist', 'bin.js');
  let baselineBin;
  if (values.baseline) {
    const baselineApp = path.join(temp, 'baseline');
    mkdirSync(baselineApp);
    writeFileSync(path.join(baselineApp, 'package.json'), '{ "name": "bench-baseline", "private": true }\n');
    mustSucceed('npm install --offline (baseline)', spawn('npm', ['install', '--offline', '--no-audit', '--no-fund', path.resolve(values.baseline)], { cwd: baselineApp }));
    baselineBin = path.join(baselineApp, 'node_modules', packed.info.name, 'dist', 'bin.js');
  }
  const program = path.join(temp, 'program');
  mustSucceed('evident init', spawn(process.execPath, [packedBin, 'init', program, '--categories', 'availability,confidentiality']));
  const documents = Number(mustSucceed('floor', spawn(process.execPath, [floorScript, program])).stdout.trim());
  console.error(`Starter program: ${documents} policies and controls; packed bin ${path.relative(temp, packedBin)} (${readdirSync(path.dirname(packedBin)).filter((f) => f.endsWith('.js')).length} files in dist/)`);

  const rows = [];
  for (const node of nodes) {
    const version = versionOf(node);
    const cache = hasCompileCache(node);
    /** The cache folders of the measured process, where the compile cache lives: empty for cold runs, filled once for warm ones. */
    const warmTmp = { packed: mkdtempSync(path.join(temp, 'warm-packed-')), dist: mkdtempSync(path.join(temp, 'warm-dist-')) };
    const coldTmp = () => mkdtempSync(path.join(temp, 'cold-'));
    const check = (bin, tmp, extra = []) => measured(node, [...extra, bin, 'check', '--root', program, '--now', now], { env: { XDG_CACHE_HOME: tmp, TMPDIR: tmp } });
    for (const [name, bin] of Object.entries({ packed: packedBin, dist: distBin })) mustSucceed(`${name} check on ${version}`, check(bin, warmTmp[name]));

    const subjects = {
      floor: () => measured(node, [floorScript, program]),
      ...(baselineBin ? { 'baseline cold': () => check(baselineBin, coldTmp()) } : {}),
      'packed cold': () => {
        const tmp = coldTmp();
        const result = check(packedBin, tmp);
        rmSync(tmp, { recursive: true, force: true });
        return result;
      },
      ...(cache ? { 'packed warm': () => check(packedBin, warmTmp.packed) } : {}),
      'dist cold': () => {
        const tmp = coldTmp();
        const result = check(distBin, tmp);
        rmSync(tmp, { recursive: true, force: true });
        return result;
      },
      ...(cache ? { 'dist warm': () => check(distBin, warmTmp.dist) } : {}),
    };
    const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
    const cpu = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
    for (let i = 0; i < runs; i += 1) {
      for (const [name, run] of Object.entries(subjects)) {
        const result = mustSucceed(name, run());
        times[name].push(result.seconds);
        cpu[name].push(result.cpu);
      }
    }
    const floor = median(times.floor);
    const floorCpu = median(cpu.floor);
    for (const [name, list] of Object.entries(times)) rows.push({ node: version, cache, name, median: median(list), min: Math.min(...list), ratio: median(list) / floor, cpu: median(cpu[name]), cpuRatio: median(cpu[name]) / floorCpu });
    console.error(`${version}: ${Object.entries(times).map(([k, v]) => `${k} ${(median(v) * 1000).toFixed(0)} ms`).join(', ')}`);

    if (values.profile) {
      const dir = path.resolve(values.profile, version);
      mkdirSync(dir, { recursive: true });
      const coldDir = coldTmp();
      mustSucceed('profile', check(packedBin, coldDir, ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'cold')]));
      if (cache) mustSucceed('profile', check(packedBin, coldDir, ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'warm')]));
      console.error(`CPU profiles in ${dir}`);
    }
  }
  load.end = os.loadavg();

  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`Starter program (${documents} documents), ${runs} alternating runs, ${os.availableParallelism()} cores, load average ${fmtLoad(load.start)} at the start, ${fmtLoad(load.end)} at the end.\n`);
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
  console.log('| Node | Run | Wall (median) | Wall (fastest) | Wall ratio | CPU (median) | CPU ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.node}${r.cache ? '' : ' (no compile cache)'} | ${r.name} | ${ms(r.median)} | ${ms(r.min)} | ${r.name === 'floor' ? '1' : r.ratio.toFixed(2)}x | ${ms(r.cpu)} | ${r.name === 'floor' ? '1' : r.cpuRatio.toFixed(2)}x |`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
