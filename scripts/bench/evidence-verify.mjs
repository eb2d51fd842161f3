#!/usr/bin/env node
// Benchmark of `evident evidence verify` on an evidence branch of 20,000 records, added 10 per
// commit by default (--per-commit 1 gives one commit per record; building that branch takes long,
// as every commit writes a new `records/` tree of up to 20,000 entries), against the floor
// `git log --raw` over the same branch. Builds the branch with `git fast-import` in a bare remote (deterministic records sealed
// with core's sealRecord), clones it, then times both commands alternately and reports medians,
// the ratio and peak RSS (the Node process; git's own processes are measured with GNU time).
// Usage: node scripts/bench/evidence-verify.mjs [--records 20000] [--per-commit 10] [--runs 5] [--dir DIR] [--keep]
// Needs the built packages (npm run build) and GNU time (/usr/bin/time).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compare, fmt, runNode } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cli = path.join(repoRoot, 'packages/cli/dist/bin.js');
const { recordFileName, sealRecord } = await import(path.join(repoRoot, 'packages/core/dist/index.js'));

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' }, 'per-commit': { type: 'string', default: '10' }, runs: { type: 'string', default: '5' }, dir: { type: 'string' }, keep: { type: 'boolean' } } });
const count = Number(values.records);
const runs = Number(values.runs);
const perCommit = Number(values['per-commit']);

/** A record the size of a real approval exception (about 1.5 KiB with its API calls). */
function unsealed(n) {
  return {
    schema_version: 1,
    id: `exception/acme/program/pr-${n}/stale-approval/review-${100000 + n}`,
    kind: 'exception',
    repository: 'acme/program',
    recorded_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    subject: {
      reason: 'stale-approval',
      detail: `The approval by @reviewer-${n % 37} was given on an earlier head commit of pull request #${n}.`,
      reviews: [{ reviewer: `reviewer-${n % 37}`, person: `person-${n % 37}`, review_id: 100000 + n, state: 'APPROVED', submitted_at: '2026-01-01T00:00:00Z', commit_id: String(n).padStart(40, 'a') }],
    },
    provenance: {
      tool: 'evident',
      tool_version: '0.1.0',
      fetched_at: '2026-01-01T00:00:00Z',
      api_calls: ['pulls/{pull_number}', 'pulls/{pull_number}/files', 'pulls/{pull_number}/reviews'].map((route) => ({ method: 'GET', route: `/repos/{owner}/{repo}/${route}`, path: `/repos/acme/program/${route.replace('{pull_number}', String(n))}?per_page=100`, status: 200 })),
    },
  };
}

/** Stream the branch into `git fast-import`: one blob and one commit per record. */
async function buildRemote(remote) {
  spawnSync('git', ['init', '--bare', '--quiet', remote], { stdio: 'inherit' });
  const child = spawn('git', ['-C', remote, 'fast-import', '--quiet'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`)))));
  const write = (text) => (child.stdin.write(text) ? undefined : new Promise((resolve) => child.stdin.once('drain', resolve)));
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let previous;
  const readme = '# Evidence records\n';
  for (let first = 1; first <= count; first += perCommit) {
    const lines = [];
    const files = [];
    for (let n = first; n < first + perCommit && n <= count; n += 1) {
      const record = sealRecord(unsealed(n), previous);
      const file = recordFileName(record);
      lines.push(`${file} ${record.id}`);
      files.push(`M 100644 inline ${file}\n${data(JSON.stringify(record, null, 2) + '\n')}`);
      previous = record;
    }
    const message = `Add ${files.length} evidence record${files.length === 1 ? '' : 's'}\n\n${lines.join('\n')}\n`;
    await write(`commit refs/heads/evidence\ncommitter Evidence Bot <bot@example.com> ${1767225600 + first * 60} +0000\n${data(message)}${first === 1 ? `M 100644 inline README.md\n${data(readme)}` : ''}${files.join('')}\n`);
  }
  child.stdin.end();
  await done;
}

/** Wall time and peak RSS of a git command, measured with GNU time. */
function runGit(args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', 'git', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return { seconds, rssMiB: Number(result.stderr.trim().split('\n').at(-1)) / 1024 };
}

const dir = values.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'evident-bench-verify-')));
const remote = path.join(dir, 'remote.git');
const clone = path.join(dir, 'clone');
try {
  const built = Date.now();
  await buildRemote(remote);
  spawnSync('git', ['clone', '--quiet', remote, clone], { stdio: 'inherit' });
  console.log(`Built ${count.toLocaleString('en')} records in ${Math.ceil(count / perCommit).toLocaleString('en')} commits in ${((Date.now() - built) / 1000).toFixed(1)} s`);

  const first = runNode([cli, 'evidence', 'verify', '--root', clone, '--format', 'json']);
  const report = JSON.parse(first.stdout || '{}');
  if (first.status !== 0 || report.records !== count) throw new Error(`evident evidence verify did not pass: ${first.stdout.slice(0, 400)}${first.stderr.slice(0, 400)}`);

  const gitRss = [];
  const result = compare({
    runs,
    subject: () => runNode([cli, 'evidence', 'verify', '--root', clone]),
    floor: () => {
      const run = runGit(['log', '--raw', '--no-abbrev', '--format=%H %P', 'refs/remotes/origin/evidence'], clone);
      gitRss.push(run.rssMiB);
      return run;
    },
  });
  // The verifier's own git processes: the history walk and the blob reader, measured once each.
  const log = runGit(['log', '--raw', '--no-abbrev', '--no-renames', '--reverse', '--topo-order', '--diff-merges=first-parent', '-z', '--format=%H %P', 'refs/remotes/origin/evidence'], clone);
  console.log(`evident evidence verify (median of ${runs}): ${fmt(result.subject)}`);
  console.log(`git log --raw (median of ${runs}):          ${fmt(result.floor)}`);
  console.log(`ratio: ${result.ratio.toFixed(2)}x`);
  console.log(`peak RSS: evident (Node) ${result.peakRssMiB.toFixed(0)} MiB; git log --raw ${Math.max(...gitRss).toFixed(0)} MiB; the verifier's git log ${log.rssMiB.toFixed(0)} MiB`);
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  if (!values.keep && !values.dir) await rm(dir, { recursive: true, force: true });
}
