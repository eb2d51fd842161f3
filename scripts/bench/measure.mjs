// Shared helpers of the benchmarks: run a command several times, alternating with
// its floor so both see the same machine load, and report medians and ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run `node ...args` once; returns wall seconds and peak RSS in MiB. */
export function runNode(args, { cwd, env } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evident-bench-'));
  const rssFile = path.join(dir, 'rss');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', path.join(here, 'report-rss.mjs'), ...args], { cwd, env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let rssMiB = NaN;
  try {
    rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {}
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rssMiB, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Alternate subject and floor `runs` times; medians, ratio and peak memory. */
export function compare({ subject, floor, runs }) {
  const s = [];
  const f = [];
  let rss = 0;
  for (let i = 0; i < runs; i += 1) {
    const a = subject();
    const b = floor();
    s.push(a.seconds);
    f.push(b.seconds);
    rss = Math.max(rss, a.rssMiB);
  }
  return { subject: median(s), floor: median(f), ratio: median(s) / median(f), peakRssMiB: rss, runs };
}

export const fmt = (seconds) => `${seconds.toFixed(2)} s`;
