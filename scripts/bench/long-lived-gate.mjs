#!/usr/bin/env node
// Benchmark of the pull-request gate on a long-lived program: does the gate's cost follow the
// change, or the program's age?
//
// Generates two program repositories that differ only in how much evidence they hold: a fresh one
// (a few months of monthly evidence) and a long-lived one (three years of it, 60,000+ files, most of
// them small text exports and a share of them Git LFS pointers standing for large binary content that
// is never materialised, as in the gate). Each has one commit per month, a bare copy served over
// file:// (partial clone allowed), and a pull request that changes one policy and adds one evidence
// file, with GitHub's test merge at refs/pull/1/merge.
//
// Each run does what .github/workflows/pr-gate.yml does, from scratch: check out the test merge with
// history, check out the base into .evident-base, and run the bundled check action
// (packages/actions/check/dist/index.js) as the runner starts it. Two workflows are timed:
//   now:    every blob under 100 MB (filter blob:limit=100m), no LFS content, a working tree without evidence/ (the
//           action reads the evidence folder from the commit), the base sparse as well, hash-evidence: changed
//   before: a full clone (fetch-depth 0), a full base checkout, hash-evidence: all
// Fresh and long-lived alternate within each run, with `node -e ''` as the floor. Wall and CPU time
// (user + system of every process of the run, from the shell's `times`) are reported as medians.
//
// Usage: node scripts/build-actions.mjs check && node scripts/bench/long-lived-gate.mjs [--runs 5]
//   [--months 36] [--fresh-months 3] [--per-month 1700] [--lfs-share 0.2] [--keep DIR] [--variants now,before]
// With --keep DIR the repositories stay in DIR, and a later run with the same DIR reuses them.
// The served (bare) repositories are repacked once, as a hosting server keeps them.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRepository } from './generate-repository.mjs';
import { median } from './measure.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(repoRoot, 'packages/actions/check/dist/index.js');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    months: { type: 'string', default: '36' },
    'fresh-months': { type: 'string', default: '3' },
    'per-month': { type: 'string', default: '1700' },
    'lfs-share': { type: 'string', default: '0.2' },
    keep: { type: 'string' },
    variants: { type: 'string', default: 'now,before' },
  },
});
if (!existsSync(bundle)) throw new Error('Missing packages/actions/check/dist/index.js: run `node scripts/build-actions.mjs check`');
const runs = Number(values.runs);
const perMonth = Number(values['per-month']);
const lfsShare = Number(values['lfs-share']);
const temp = values.keep ? path.resolve(values.keep) : mkdtempSync(path.join(os.tmpdir(), 'evident-bench-long-lived-'));
await mkdir(temp, { recursive: true });

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } }).trim();
const month = (index) => {
  const m = index % 12;
  return `${2024 + Math.floor(index / 12)}-${String(m + 1).padStart(2, '0')}`;
};
const metadata = (control, covers, hash, size) =>
  `controls: [${control}]\ncovers: ${covers}\ncollected_at: ${covers}-28\ncollected_by: bob\nsource: Monthly export\nsha256: ${hash}\n${size === undefined ? '' : `size: ${size}\n`}`;

/** One evidence file and its metadata: a small CSV export, or a Git LFS pointer to a large binary (its content never written). */
function evidenceItem(control, covers, i) {
  const lfs = (i * 7919) % 1000 < lfsShare * 1000;
  if (lfs) {
    const size = 200_000 + ((i * 104729) % 800_000); // 0.2 to 1 MB of PDF, screenshot or archive
    const oid = sha256(`content ${covers} ${i}`);
    return { name: `scan-${i}.pdf`, text: `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`, hash: oid, size, lfs: true };
  }
  const text = `account,decision,reviewer\n${Array.from({ length: 4 + (i % 8) }, (_, r) => `user-${i}-${r},keep,bob`).join('\n')}\n`;
  return { name: `export-${i}.csv`, text, hash: sha256(text), size: text.length, lfs: false };
}

/** A program repository with `months` monthly commits of evidence, its bare copy, and the pull request. */
async function buildProgram(name, months) {
  const dir = path.join(temp, name);
  const saved = path.join(dir, 'program.json');
  if (values.keep && existsSync(saved)) return JSON.parse(readFileSync(saved, 'utf8'));
  const program = await generateProgram(name, months, dir);
  writeFileSync(saved, JSON.stringify(program));
  return program;
}

async function generateProgram(name, months, dir) {
  rmSync(dir, { recursive: true, force: true });
  const work = path.join(dir, 'work');
  await generateRepository(work, { policies: 50, controls: 500 });
  const controls = Array.from({ length: 500 }, (_, i) => `AAX-${String(i).padStart(3, '0')}`);
  await writeFile(path.join(work, '.gitattributes'), 'evidence/** -text\nevidence/**/*.pdf filter=lfs diff=lfs merge=lfs -text\n');
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'config', 'user.email', 'bench@example.com');
  git(work, 'config', 'user.name', 'Bench');
  git(work, 'config', 'commit.gpgsign', 'false');
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'Program');
  const totals = { files: 0, lfs: 0, nominalBytes: 0 };
  for (let m = 0; m < months; m += 1) {
    const covers = month(m);
    const items = Array.from({ length: perMonth }, (_, k) => ({ control: controls[k % controls.length], item: evidenceItem(controls[k % controls.length], covers, m * perMonth + k) }));
    for (let start = 0; start < items.length; start += 400) {
      await Promise.all(
        items.slice(start, start + 400).map(async ({ control, item }) => {
          const folder = path.join(work, 'evidence', control, covers);
          await mkdir(folder, { recursive: true });
          await writeFile(path.join(folder, item.name), item.text);
          await writeFile(path.join(folder, `${item.name}.evidence.yaml`), metadata(control, covers, item.hash, item.lfs ? item.size : undefined));
        }),
      );
    }
    for (const { item } of items) {
      totals.files += 1;
      totals.lfs += item.lfs ? 1 : 0;
      totals.nominalBytes += item.size;
    }
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', `Evidence of ${covers}`);
  }
  const baseSha = git(work, 'rev-parse', 'HEAD');
  // The pull request: one policy changed, one evidence file added.
  git(work, 'checkout', '-q', '-b', 'change');
  const policy = path.join(work, 'policies/policy-0001.md');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace('## Scope\n\n', '## Scope\n\nThis policy also covers contractors.\n\n'));
  const added = evidenceItem(controls[0], month(months), 9_999_999);
  await mkdir(path.join(work, 'evidence', controls[0], month(months)), { recursive: true });
  writeFileSync(path.join(work, 'evidence', controls[0], month(months), added.name), added.text);
  writeFileSync(path.join(work, 'evidence', controls[0], month(months), `${added.name}.evidence.yaml`), metadata(controls[0], month(months), added.hash));
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'Change a policy, add evidence');
  const headSha = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '-q', 'main');
  git(work, 'merge', '-q', '--no-ff', '-m', 'Merge change into main', 'change');
  const mergeSha = git(work, 'rev-parse', 'HEAD');
  git(work, 'update-ref', 'refs/pull/1/merge', mergeSha);
  git(work, 'reset', '-q', '--hard', baseSha);
  const bare = path.join(dir, 'remote.git');
  git(dir, 'clone', '-q', '--bare', '--mirror', work, bare);
  git(bare, 'config', 'uploadpack.allowFilter', 'true');
  git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  // Packed as a hosting server keeps a repository (one pack, deltas and a reachability bitmap): a
  // server holding loose objects and many small packs would compress them anew on every fetch,
  // which measures the server rather than the gate.
  git(bare, 'repack', '-q', '-a', '-d', '-b');
  rmSync(work, { recursive: true, force: true });
  const event = path.join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 1, base: { ref: 'main', sha: baseSha }, head: { ref: 'change', sha: headSha } } }));
  return { name, dir, bare, event, baseSha, headSha, mergeSha, totals, bareBytes: Number(execFileSync('du', ['-sb', bare], { encoding: 'utf8' }).split('\t')[0]) };
}

/** The workflow's two checkouts and the action, in one shell whose `times` gives the CPU of every process. */
function gateScript(program, variant, ws) {
  const url = `file://${program.bare}`;
  const sparse = `git config core.sparseCheckout true && printf '/*\\n!/evidence/\\n' > .git/info/sparse-checkout`;
  const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
  return [
    'set -e',
    `export GIT_TERMINAL_PROMPT=0 GIT_LFS_SKIP_SMUDGE=1`,
    `git init -q ${q(ws)} && cd ${q(ws)}`,
    `git remote add origin ${q(url)}`,
    ...(variant === 'now' ? [sparse] : []),
    // actions/checkout with fetch-depth 0: every branch and tag, then the test merge.
    `git -c protocol.version=2 fetch -q --no-tags --prune --no-recurse-submodules ${variant === 'now' ? '--filter=blob:limit=100m' : ''} origin '+refs/heads/*:refs/remotes/origin/*' '+refs/pull/1/merge:refs/remotes/pull/1/merge'`,
    `git checkout -q --force refs/remotes/pull/1/merge`,
    `git init -q .evident-base && cd .evident-base && git remote add origin ${q(url)}`,
    ...(variant === 'now' ? [sparse] : []),
    `git -c protocol.version=2 fetch -q --no-tags --depth=1 ${variant === 'now' ? '--filter=blob:none' : ''} origin ${program.baseSha}`,
    `git checkout -q --force FETCH_HEAD && cd ..`,
    `"${process.execPath}" ${q(bundle)} > ${q(path.join(temp, "action.log"))}`,
    'times',
  ].join('\n');
}

function runGate(program, variant) {
  const ws = path.join(temp, `ws-${program.name}-${variant}`);
  rmSync(ws, { recursive: true, force: true });
  const out = path.join(temp, 'output');
  writeFileSync(out, '');
  writeFileSync(path.join(temp, 'summary.md'), '');
  const env = {
    ...process.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: program.event,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'),
    GITHUB_SHA: program.mergeSha,
    RUNNER_TEMP: temp,
    INPUT_ROOT: '.',
    'INPUT_BASE-REF': '',
    'INPUT_BASE-ROOT': '.evident-base',
    INPUT_STRICT: 'false',
    'INPUT_HASH-EVIDENCE': variant === 'now' ? 'changed' : 'all',
  };
  const start = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', gateScript(program, variant, ws)], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`The gate failed on ${program.name} (${variant}): ${result.stderr}${readFileSync(path.join(temp, 'action.log'), 'utf8').slice(0, 2000)}`);
  const outputs = readFileSync(out, 'utf8');
  if (!/errors<<.*\n0\n/.test(outputs) && !/^errors=0$/m.test(outputs)) throw new Error(`Unexpected findings on ${program.name} (${variant}): ${outputs}`);
  // `times` prints the shell's own times, then its children's: "1m2.345s 0m0.678s".
  const lines = result.stdout.trim().split('\n');
  const seconds = (text) => text.split(/\s+/).reduce((sum, t) => { const m = /(\d+)m([\d.]+)s/.exec(t); return sum + (m ? Number(m[1]) * 60 + Number(m[2]) : 0); }, 0);
  const cpu = seconds(lines.at(-1)) + seconds(lines.at(-2));
  const checkedOut = Number(execFileSync('du', ['-sb', ws], { encoding: 'utf8' }).split('\t')[0]);
  rmSync(ws, { recursive: true, force: true });
  return { wall, cpu, checkedOut };
}

function floor() {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '']);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

console.log(`Disk before: ${execFileSync('df', ['-h', temp], { encoding: 'utf8' }).trim().split('\n').at(-1)}`);
let started = Date.now();
const fresh = await buildProgram('fresh', Number(values['fresh-months']));
const long = await buildProgram('long-lived', Number(values.months));
console.log(`Generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const p of [fresh, long]) {
  console.log(`${p.name}: ${p.totals.files} evidence files (${p.totals.lfs} Git LFS pointers), ${(p.totals.nominalBytes / 2 ** 30).toFixed(2)} GiB of evidence content, bare repository ${(p.bareBytes / 2 ** 20).toFixed(0)} MiB`);
}

const variants = values.variants.split(',');
if (variants.some((v) => v !== 'now' && v !== 'before')) throw new Error(`Unexpected --variants ${values.variants}, expected now, before or both`);
const samples = {};
const floors = [];
for (let run = 0; run < runs; run += 1) {
  for (const variant of variants) {
    for (const program of run % 2 ? [long, fresh] : [fresh, long]) {
      const key = `${program.name}/${variant}`;
      (samples[key] ??= []).push(runGate(program, variant));
    }
  }
  floors.push(floor());
  process.stderr.write(`run ${run + 1}/${runs}\n`);
}
const m = (key, field) => median(samples[key].map((s) => s[field]));
console.log(`\nMedians of ${runs} runs (load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}); floor \`node -e ''\` ${(median(floors) * 1000).toFixed(0)} ms`);
console.log('| Workflow | Program | Wall | CPU | Checked out | Long-lived / fresh (wall) | (CPU) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const variant of variants) {
  for (const program of [fresh, long]) {
    const key = `${program.name}/${variant}`;
    const ratio = program === long ? `${(m(key, 'wall') / m(`fresh/${variant}`, 'wall')).toFixed(2)}x | ${(m(key, 'cpu') / m(`fresh/${variant}`, 'cpu')).toFixed(2)}x` : ' | ';
    console.log(`| ${variant} | ${program.name} (${program.totals.files} files) | ${m(key, 'wall').toFixed(2)} s | ${m(key, 'cpu').toFixed(2)} s | ${(m(key, 'checkedOut') / 2 ** 20).toFixed(0)} MiB | ${ratio} |`);
  }
}
console.log('\nAll samples (wall s / CPU s):');
for (const [key, list] of Object.entries(samples)) console.log(`${key}: ${list.map((s) => `${s.wall.toFixed(2)}/${s.cpu.toFixed(2)}`).join(', ')}`);
if (!values.keep) rmSync(temp, { recursive: true, force: true });
