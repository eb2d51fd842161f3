#!/usr/bin/env node
/**
 * Runs Evident's property tests with N random seeds and prints each seed with its outcome.
 *
 *   node scripts/property-seeds.mjs [N=100] [--batch 25] [--files a.test.ts,b.test.ts]
 *
 * The normal test run uses one fixed seed (packages/core/test/property-seed.ts). This script draws
 * N seeds, passes them to the property tests a batch at a time (EVIDENT_PROPERTY_SEED=s1,s2,…, one
 * Jest process per batch) and prints, per property, how many seeds passed and which failed. A
 * failing seed replays with `EVIDENT_PROPERTY_SEED=<seed> npm test -- <file>`. Exits 1 if any failed.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

/** Test files that run properties through the seeded helper. */
export function propertyTestFiles(dir = path.join(root, 'packages')) {
  const files = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) files.push(...propertyTestFiles(file));
    else if (name.endsWith('.test.ts') && /\bassert(Async)?Property\(/.test(readFileSync(file, 'utf8'))) files.push(file);
  }
  return files.sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv.find((arg, i) => i >= 2 && /^\d+$/.test(arg) && !['--batch'].includes(process.argv[i - 1])) ?? 100);
  const batch = Number(option('--batch', '25'));
  const files = option('--files', undefined)?.split(',').map((file) => path.resolve(root, file)) ?? propertyTestFiles();
  const seeds = Array.from({ length: count }, () => randomInt(-0x80000000, 0x7fffffff));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evident-seeds-'));
  const reportFile = path.join(dir, 'report.jsonl');
  const started = Date.now();
  process.stdout.write(`${count} seeds, ${Math.ceil(count / batch)} batches, over:\n${files.map((file) => `  ${path.relative(root, file)}`).join('\n')}\n`);
  try {
    for (let i = 0; i < seeds.length; i += batch) {
      const chunk = seeds.slice(i, i + batch);
      process.stdout.write(`seeds ${chunk.join(' ')}\n`);
      spawnSync(process.execPath, ['--experimental-vm-modules', path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', '--silent', '--testTimeout=3600000', ...files], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'ignore'],
        env: { ...process.env, EVIDENT_PROPERTY_SEED: chunk.join(','), EVIDENT_PROPERTY_REPORT: reportFile },
      });
      const sofar = readFileSync(reportFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      const failedSeeds = sofar.filter((line) => !line.ok).map((line) => line.seed);
      process.stdout.write(`  after ${i + chunk.length} seeds: ${sofar.length} property runs, ${failedSeeds.length} failed${failedSeeds.length ? ` (${failedSeeds.join(' ')})` : ''}, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
    const lines = readFileSync(reportFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const byTest = new Map();
    for (const line of lines) {
      const entry = byTest.get(line.test) ?? { passed: 0, failed: [] };
      if (line.ok) entry.passed++;
      else entry.failed.push(line);
      byTest.set(line.test, entry);
    }
    let failures = 0;
    for (const [test, { passed, failed }] of [...byTest].sort(([a], [b]) => a.localeCompare(b))) {
      process.stdout.write(`${failed.length === 0 ? 'ok  ' : 'FAIL'} ${passed}/${passed + failed.length} seeds  ${test}\n`);
      for (const failure of failed) process.stdout.write(`       EVIDENT_PROPERTY_SEED=${failure.seed}\n${failure.failure.replace(/^/gm, '         ')}\n`);
      failures += failed.length;
    }
    process.stdout.write(`${lines.length} property runs (${byTest.size} properties x ${count} seeds), ${failures} failed, ${Math.round((Date.now() - started) / 1000)} s\n`);
    process.exitCode = failures > 0 || lines.length !== byTest.size * count ? 1 : 0;
    if (lines.length !== byTest.size * count) process.stdout.write('Some properties did not report every seed (a test file failed to load or timed out).\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
