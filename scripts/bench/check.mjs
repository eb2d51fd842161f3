#!/usr/bin/env node
// Benchmark of `evident check` on synthetic repositories M (50 policies, 500
// controls) and L (500 policies, 5,000 controls), against a floor measured in the
// same run: reading the same files and parsing their frontmatter with `yaml`.
// Usage: npm run build && node scripts/bench/check.mjs [--runs N] [--sizes M,L]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRepository, sizes } from './generate-repository.mjs';
import { compare, fmt, runNode } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'packages/cli/dist/bin.js');
const floorScript = path.join(root, 'scripts/bench/floor-read-yaml.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: 'M,L' } } });

const rows = [];
for (const size of values.sizes.split(',')) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `evident-bench-${size}-`));
  try {
    await generateRepository(dir, sizes[size]);
    const first = runNode([cli, 'check', '--root', dir, '--now', '2026-11-26']);
    if (first.status !== 0) throw new Error(`evident check failed on ${size}: ${first.stdout.slice(-500)}${first.stderr}`);
    const result = compare({
      runs: Number(values.runs),
      subject: () => runNode([cli, 'check', '--root', dir, '--now', '2026-11-26']),
      floor: () => runNode([floorScript, dir]),
    });
    rows.push({ size, ...sizes[size], ...result });
    console.error(`${size}: check ${fmt(result.subject)}, floor ${fmt(result.floor)}, ratio ${result.ratio.toFixed(2)}, peak ${result.peakRssMiB.toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('| Size | Policies | Controls | `evident check` (median) | Floor (median) | Ratio | Peak RSS |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.size} | ${r.policies} | ${r.controls} | ${fmt(r.subject)} | ${fmt(r.floor)} | ${r.ratio.toFixed(2)}x | ${r.peakRssMiB.toFixed(0)} MiB |`);
