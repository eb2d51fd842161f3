#!/usr/bin/env node
// Benchmark of the pull-request gate on a long-lived program: does the gate's cost follow the
// change, or the program's age?
//
// Generates two program repositories that differ only in how much evidence they hold: a fresh one
// (a few months of monthly evidence) and a long-lived one (three years of it, 60,000+ files, most of
// them small text exports and a share of them Git LFS pointers standing for large binary content that
// is never materialised, as in the gate). Each has one commit per month, a bare copy (partial clone
// and wants by SHA allowed, packed once as a hosting server keeps it), and a pull request that
// changes one policy and adds one evidence file, with GitHub's test merge at refs/pull/1/merge.
//
// Each run is the gate's job from scratch, as GitHub runs it (actions-runner.mjs): an empty
// workspace, then the workflow's steps as the runner starts them. The checkouts are the real
// actions/checkout, its dist/index.js at the commit .github/workflows/pr-gate.yml pins, fetched
// from --checkout-action, with its fixed work (git version, temporary global config and
// safe.directory, auth header set and removed, gc off, fetch, sparse checkout, checkout, log). It
// talks smart HTTP to a loopback server (git-http-server.mjs: `git http-backend` behind a Node HTTP
// server on 127.0.0.1) that serves the bare copies at GITHUB_SERVER_URL/owner/<program>; it makes
// no REST call on this path (a server that is not github.com counts as GHES, and git is recent
// enough), and the run fails if one is made. Its post step (removing credentials it did not
// persist) is not run. The check action is always this checkout's bundle (packages/actions/check), as
// the program repositories hold no code of Evident's. Node actions run on this process's node
// (both declare node24), with an empty HOME of the runner's
// own. The workflows timed (--variants, by default now,uncached,sparse):
//   now:      .github/workflows/pr-gate.yml (ADR 18): the change checked out with history as a partial
//             clone (filter blob:none, cone-mode sparse checkout of .github, policies, controls,
//             frameworks and exceptions into a sparse index through GIT_CONFIG_* index.sparse), the
//             metadata cache restored (the archive made once per program by metadata-cache.yml's own
//             run: step, extracted by the tar command actions/cache runs; the cache service's download
//             is not modelled), the base's check action taken from the history with `git archive`,
//             the check action reading the metadata from the cache and fetching what it lacks
//   uncached: the same workflow without a cache: the action fetches every blob under 100 MB itself
//   sparse:   the workflow before ADR 18: every blob under 100 MB fetched with the checkout
//             (filter blob:limit=100m), the same sparse index, no cache
//   before:   the workflow before ADR 16 (a non-cone sparse checkout, the base checked out again into
//             .evident-base)
// All hash only the evidence the change touches (hash-evidence: changed). Beside them, the gate
// floor: what a gate that fetches every evidence metadata file from git must do at the least, by git alone
// (no Evident code), over the same server, in three shell steps:
//   fetch:           git init, git remote add origin, and the fetch actions/checkout runs for the
//                    pull request (its arguments exactly, from src/git-command-manager.ts at the
//                    pinned commit: `git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules
//                    --filter=blob:limit=100m origin +refs/heads/*:refs/remotes/origin/*
//                    +refs/tags/*:refs/tags/* +<test merge>:refs/remotes/pull/1/merge`; each run of
//                    `sparse` checks that the action's log shows the same command line)
//   sparse-checkout: the same cone-mode sparse checkout into a sparse index (GIT_CONFIG_* index.sparse),
//                    `git sparse-checkout set` of the same folders, `git checkout --force` of the merge
//   read-metadata:   `git ls-tree -r -z --full-tree HEAD -- evidence/`, and one `git cat-file --batch`
//                    of every blob whose path ends in .evidence.yaml, piped, its output counted
// Its growth from fresh to long-lived is the part of the gate's growth that is git's and the
// program's size, whatever the gate does. Fresh and long-lived alternate within each run, workflow
// by workflow and then the gate floor, with floors of fixed cost: `node -e ''`, and actions/checkout
// of a one-file repository beside the same fetch by git alone (the action's fixed cost per checkout).
// After the gate floor's steps, and outside its totals, the two `git submodule foreach` commands
// actions/checkout runs after every checkout are timed on the floor's checkout: a cost of the
// action that grows with the program, as each expands the sparse index to every entry.
//
// Times are medians. Wall is the sum of the steps' wall times (the server is started before the
// first step and stopped after the last, untimed). CPU is user + system time of every process: each step's process and all it waited for
// (git and its helpers), read from this process's children's times around the step, plus the
// server's: a child process per run, which reports its own CPU and that of the `git http-backend`,
// `upload-pack` and `pack-objects` processes it waited for, from ready to stopped (/proc, utime +
// stime + cutime + cstime). Each run checks that the action reported 0 errors, that the head is the
// test merge, and, for `now` and the gate floor, that the head's .git/index is a sparse index
// (evidence/ one entry); the gate floor, that it read one metadata blob per evidence file.
//
// Usage: node scripts/build-actions.mjs check && node scripts/bench/long-lived-gate.mjs [--runs 5]
//   [--months 36] [--fresh-months 3] [--per-month 1700] [--lfs-share 0.2] [--keep DIR] [--variants now,uncached,sparse,before]
//   [--checkout-action <git URL or path of actions/checkout>] (default https://github.com/actions/checkout)
// With --keep DIR the repositories (and the fetched actions/checkout) stay in DIR, and a later run
// with the same DIR reuses them.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { fetchAction, freshJobDirectories, pinnedActionSha, runStep } from './actions-runner.mjs';
import { generateRepository } from './generate-repository.mjs';
import { startGitHttpServerProcess } from './git-http-server.mjs';
import { median } from './measure.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const checkAction = path.join(repoRoot, 'packages/actions/check');
const bundle = path.join(checkAction, 'dist/index.js');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    months: { type: 'string', default: '36' },
    'fresh-months': { type: 'string', default: '3' },
    'per-month': { type: 'string', default: '1700' },
    'lfs-share': { type: 'string', default: '0.2' },
    keep: { type: 'string' },
    variants: { type: 'string', default: 'now,uncached,sparse' },
    'checkout-action': { type: 'string', default: 'https://github.com/actions/checkout' },
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
/**
 * The month of the index-th commit of evidence, from 2022-01: three years of it and the pull request's
 * month end before the commits' date (2026-01-01) and the run's clock, so no item is collected after
 * today (`evidence/metadata`).
 */
const month = (index) => {
  const m = index % 12;
  return `${2022 + Math.floor(index / 12)}-${String(m + 1).padStart(2, '0')}`;
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

/**
 * The metadata cache of a program's default branch, made as metadata-cache.yml makes it (its
 * checkout's one commit with every blob under 100 MB, then its own \`run:\` step, read from the
 * workflow file) and archived as actions/cache/save archives it on Linux (tar, zstd). Untimed: a
 * job on the default branch, not the gate's. Kept in the program's folder. Adds cacheArchive and
 * cacheBytes (the archive's size) to the program.
 */
function withMetadataCache(program) {
  const archive = path.join(program.dir, 'metadata-cache.tzst');
  if (!existsSync(archive)) {
    const work = path.join(program.dir, 'cache-job');
    rmSync(work, { recursive: true, force: true });
    git(program.dir, 'clone', '-q', '--no-checkout', '--depth', '1', '--filter=blob:limit=100m', `file://${program.bare}`, work);
    const doc = YAML.parse(readFileSync(path.join(repoRoot, '.github/workflows/metadata-cache.yml'), 'utf8'));
    const writer = Object.values(doc.jobs)[0].steps.find((step) => /cat-file --batch/.test(step.run ?? ''));
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', writer.run], { cwd: work, env: { PATH: process.env.PATH, RUNNER_TEMP: program.dir }, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('tar', ['--posix', '-cf', archive, '-P', '-C', work, '.evident-cache/metadata', '--use-compress-program', 'zstd -T0 --long=30']);
    rmSync(work, { recursive: true, force: true });
  }
  return { ...program, cacheArchive: archive, cacheBytes: statSync(archive).size };
}

/**
 * What the check action's log says it read from the cache and fetched, checked against what the
 * workflow must do: with the cache, every base metadata blob from it and the pull request's two
 * new blobs fetched by id; without, everything fetched as the checkout used to.
 */
function gateLog(program, variant, log) {
  const cache = /^Metadata cache \S+: (\d+) blobs/m.exec(log);
  const fetched = /^(Fetching (\d+) missing blobs by id|Fetching every blob under 100 MB.*)$/m.exec(log)?.[1] ?? 'nothing fetched';
  if (variant === 'now' && (Number(cache?.[1]) !== program.totals.files || fetched !== 'Fetching 2 missing blobs by id')) {
    throw new Error(`${program.name} (now): expected ${program.totals.files} metadata blobs from the cache and 2 fetched, the log says: ${cache?.[0] ?? 'no cache'}; ${fetched}`);
  }
  if (variant === 'uncached' && !/^Fetching every blob/.test(fetched)) throw new Error(`${program.name} (uncached): expected every blob fetched, the log says: ${fetched}`);
  return `${cache ? `${cache[1]} from the cache` : 'no cache'}; ${fetched}`;
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


/** A repository of one file and one commit: what actions/checkout costs when there is nothing to fetch. */
function buildOneFile() {
  const dir = path.join(temp, 'one-file');
  const bare = path.join(dir, 'remote.git');
  if (!existsSync(path.join(bare, 'HEAD'))) {
    rmSync(dir, { recursive: true, force: true });
    const work = path.join(dir, 'work');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'README.md'), '# One file\n');
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'add', 'README.md');
    git(work, '-c', 'user.email=bench@example.com', '-c', 'user.name=Bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'One file');
    git(dir, 'clone', '-q', '--bare', work, bare);
    git(bare, 'config', 'uploadpack.allowFilter', 'true');
    git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    rmSync(work, { recursive: true, force: true });
  }
  const sha = git(bare, 'rev-parse', 'HEAD');
  return { name: 'one-file', bare, event: fresh.event, baseSha: sha, mergeSha: sha };
}

const noLfsNoCredentials = { lfs: 'false', 'persist-credentials': 'false' };
const sparseIndex = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'index.sparse', GIT_CONFIG_VALUE_0: 'true' };
const sparseFolders = ['.github', 'policies', 'controls', 'frameworks', 'exceptions'];
/** A word for bash, single-quoted. */
const shellWord = (word) => `'${word.replace(/'/g, "'\\''")}'`;
/**
 * git's arguments for the fetch actions/checkout runs for the pull request with fetch-depth 0 and a
 * filter (src/git-command-manager.ts fetch, src/ref-helper.ts getRefSpecForAllHistory): always
 * --no-tags, the tags asked for by their refspec; the test merge by its SHA (GITHUB_SHA).
 */
const checkoutFetchArgs = (program) => [
  '-c', 'protocol.version=2', 'fetch', '--no-tags', '--prune', '--no-recurse-submodules', '--filter=blob:limit=100m', 'origin',
  '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*', `+${program.mergeSha}:refs/remotes/pull/1/merge`,
];
const withHistory = { 'fetch-depth': '0', filter: 'blob:limit=100m', ...noLfsNoCredentials };
/**
 * The base's check action, taken out of the fetched history by a shell step. The workflow extracts
 * the base's packages/actions/check; the program repositories hold no code of Evident's, so the same
 * git work is timed on a folder they have (frameworks, smaller).
 */
const baseAction = (program) => ({
  id: 'base-action',
  env: { BASE_SHA: program.baseSha, CHECK_ACTION: 'frameworks' },
  run: 'mkdir -p ".evident-base/$CHECK_ACTION"\ngit archive --format=tar "$BASE_SHA:$CHECK_ACTION" | tar -x -C ".evident-base/$CHECK_ACTION"',
});
/** pr-gate.yml's checkout: history, commits and trees only (`filter: blob:none`), the sparse folders into a sparse index. */
const partialCheckout = { id: 'checkout', uses: null, env: sparseIndex, with: { 'fetch-depth': '0', filter: 'blob:none', ...noLfsNoCredentials, 'sparse-checkout': `${sparseFolders.join('\n')}\n` } };
/**
 * actions/cache/restore of the metadata cache: its archive extracted into the workspace by the tar
 * command actions/cache runs on Linux (zstd). The cache service's download of the archive (0.3 MiB
 * fresh, 4 MiB long-lived) is not modelled.
 */
const restoreCache = (program) => ({ id: 'restore-cache', env: { ARCHIVE: program.cacheArchive }, run: 'tar -xf "$ARCHIVE" -P -C "$GITHUB_WORKSPACE" --use-compress-program "unzstd --long=30"' });
const cachedCheck = { id: 'evident', uses: null, with: { root: '.', 'hash-evidence': 'changed', 'metadata-cache': '.evident-cache/metadata' } };
/** The job's steps, as in .github/workflows/pr-gate.yml (checkoutDir is actions/checkout at the pinned commit). */
const workflows = {
  before: (program) => [
    { id: 'checkout', uses: checkoutDir, with: { ...withHistory, 'sparse-checkout': '/*\n!/evidence/\n', 'sparse-checkout-cone-mode': 'false' } },
    { id: 'checkout-base', uses: checkoutDir, with: { ref: program.baseSha, path: '.evident-base', 'sparse-checkout': '/*\n!/evidence/\n', 'sparse-checkout-cone-mode': 'false', ...noLfsNoCredentials } },
    { id: 'evident', uses: checkAction, with: { root: '.', 'base-root': '.evident-base', 'hash-evidence': 'changed' } },
  ],
  sparse: (program) => [
    { id: 'checkout', uses: checkoutDir, env: sparseIndex, with: { ...withHistory, 'sparse-checkout': `${sparseFolders.join('\n')}\n` } },
    baseAction(program),
    { id: 'evident', uses: checkAction, with: { root: '.', 'hash-evidence': 'changed' } },
  ],
  now: (program) => [{ ...partialCheckout, uses: checkoutDir }, restoreCache(program), baseAction(program), { ...cachedCheck, uses: checkAction }],
  // The same workflow when the cache step finds nothing (the first pull request, or none for a week).
  uncached: (program) => [{ ...partialCheckout, uses: checkoutDir }, baseAction(program), { ...cachedCheck, uses: checkAction }],
  // The gate floor: git alone, what any gate that reads every metadata file must do at the least.
  floor: (program) => [floorFetch(program), floorSparseCheckout(), floorReadMetadata()],
  // Floors: actions/checkout of one commit of a one-file repository, and the same fetch by git alone.
  'checkout-one-file': (program) => [{ id: 'checkout', uses: checkoutDir, with: { ref: program.baseSha, ...noLfsNoCredentials } }],
  'git-one-file': (program) => [
    {
      id: 'git',
      env: { URL: `${program.url}/owner/${program.name}`, SHA: program.baseSha, GIT_TERMINAL_PROMPT: '0' },
      run: 'git init -q . && git remote add origin "$URL"\ngit -c protocol.version=2 fetch -q --no-tags --prune --no-recurse-submodules --depth=1 origin "$SHA"\ngit checkout -q --force "$SHA"',
    },
  ],
};

/** The gate floor's fetch: an empty repository, its remote, and the fetch as actions/checkout runs it. */
function floorFetch(program) {
  return {
    id: 'fetch',
    env: { URL: `${program.url}/owner/${program.name}`, GIT_TERMINAL_PROMPT: '0', ...sparseIndex },
    run: `git init -q . && git remote add origin "$URL"\ngit ${checkoutFetchArgs(program).map(shellWord).join(' ')}`,
  };
}

/** The gate floor's checkout: the workflow's cone-mode sparse checkout of the test merge, into a sparse index. */
function floorSparseCheckout() {
  return { id: 'sparse-checkout', env: sparseIndex, run: `git sparse-checkout set ${sparseFolders.join(' ')}\ngit checkout -q --force refs/remotes/pull/1/merge` };
}

/**
 * The gate floor's read: every blob of evidence/ whose path ends in .evidence.yaml, through one
 * `git cat-file --batch` fed by `git ls-tree` (NUL-separated records `<mode> blob <oid>\t<path>`),
 * its output counted. Outputs blobs (how many were asked for) and bytes (cat-file's output).
 */
function floorReadMetadata() {
  return {
    id: 'read-metadata',
    run: [
      `bytes=$(git ls-tree -r -z --full-tree HEAD -- evidence/ | grep -z '\\.evidence\\.yaml$' | cut -z -f1 | cut -z -d' ' -f3 | tr '\\0' '\\n' \\`,
      `  | tee "$RUNNER_TEMP/metadata-blobs" | git cat-file --batch | wc -c)`,
      `echo "blobs=$(wc -l < "$RUNNER_TEMP/metadata-blobs")" >> "$GITHUB_OUTPUT"`,
      `echo "bytes=$bytes" >> "$GITHUB_OUTPUT"`,
    ].join('\n'),
  };
}

/**
 * The two `git submodule foreach` commands actions/checkout runs after its checkout, as in
 * src/git-auth-helper.ts at the pinned commit (removeGitConfig of core.sshCommand and of the auth
 * header). With no submodule they run nothing, but each reads the index, which expands a sparse one.
 */
function submoduleForeach() {
  const unset = (key) => `git submodule foreach --recursive ${shellWord(`sh -c "git config --local --name-only --get-regexp '${key.replace(/[.]/g, '\\.')}' && git config --local --unset-all '${key}' || :"`)}`;
  return { id: 'submodule-foreach', env: sparseIndex, run: [unset('core.sshCommand'), unset('http.https://github.com/.extraheader')].join('\n') };
}

/** actions/checkout's fetch command line in its log (`[command]<git> -c protocol.version=2 fetch …`), git's arguments. */
function loggedFetch(log) {
  const line = log.split('\n').find((l) => /^\[command\]\S*git -c protocol\.version=2 fetch /.test(l));
  return line && line.slice(line.indexOf(' ') + 1).trim();
}

/** The runner's environment for the job of a pull request on `program`, served at serverUrl. */
function jobEnvironment(program, serverUrl, workspace, runnerTemp) {
  return {
    PATH: process.env.PATH,
    HOME: runnerHome,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: `owner/${program.name}`,
    GITHUB_REPOSITORY_OWNER: 'owner',
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_API_URL: `${serverUrl}/api/v3`,
    GITHUB_GRAPHQL_URL: `${serverUrl}/api/graphql`,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: program.event,
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_SHA: program.mergeSha,
    GITHUB_HEAD_REF: 'change',
    GITHUB_BASE_REF: 'main',
    GITHUB_WORKFLOW: 'PR gate',
    GITHUB_JOB: 'check',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'bench',
  };
}

/**
 * The head checkout's index: its size, its entries as git lists them without expanding a sparse
 * index (`-c index.sparse=true`: git otherwise expands it in memory), and whether it is a sparse
 * index: the sdir extension, and evidence/ one entry.
 */
function indexShape(workspace) {
  const file = path.join(workspace, '.git/index');
  const entries = execFileSync('git', ['-C', workspace, '-c', 'index.sparse=true', 'ls-files', '--sparse'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean);
  const evidence = entries.filter((entry) => entry.startsWith('evidence/'));
  const sdir = readFileSync(file).includes('sdir');
  return { bytes: statSync(file).size, entries: entries.length, sdir, sparse: sdir && evidence.length === 1 && evidence[0] === 'evidence/' };
}

/** One job of `variant` on `program`, with its own server process; wall and CPU seconds, and what it checked out. */
async function runGate(program, variant) {
  const workspace = path.join(temp, `ws-${program.name}-${variant}`);
  const runnerTemp = path.join(temp, 'runner-temp');
  freshJobDirectories(workspace, runnerTemp);
  const server = await startGitHttpServerProcess(served);
  const job = {
    workspace,
    runnerTemp,
    env: jobEnvironment(program, server.url, workspace, runnerTemp),
    context: { 'github.repository': `owner/${program.name}`, 'github.token': 'bench-token' },
    log: path.join(temp, 'step.log'),
  };
  let steps;
  let report;
  try {
    steps = workflows[variant]({ ...program, url: server.url }).map((step) => runStep(step, job));
  } finally {
    report = await server.stop();
  }
  const { cpu: serverCpu, stats } = report;
  if (stats.failures || stats.api) throw new Error(`${program.name} (${variant}): ${stats.failures} failed git requests, API requests: ${stats.apiPaths.join(', ') || 'none'}`);
  const byId = Object.fromEntries(steps.map((step) => [step.id, step]));
  if (byId.checkout && byId.checkout.outputs.commit !== program.mergeSha && program.name !== 'one-file') {
    throw new Error(`${program.name} (${variant}): checked out ${byId.checkout.outputs.commit}, expected the test merge ${program.mergeSha}`);
  }
  if (byId.evident && byId.evident.outputs.errors !== '0') throw new Error(`Unexpected findings on ${program.name} (${variant}): ${JSON.stringify(byId.evident.outputs)}`);
  const read = byId['read-metadata'];
  if (read) {
    if (git(workspace, 'rev-parse', 'HEAD') !== program.mergeSha) throw new Error(`${program.name} (${variant}): the head is not the test merge ${program.mergeSha}`);
    // Every evidence file of the program has its metadata, and the pull request adds one.
    if (Number(read.outputs.blobs) !== program.totals.files + 1) throw new Error(`${program.name} (${variant}): read ${read.outputs.blobs} metadata blobs, expected ${program.totals.files + 1}`);
  }
  // actions/checkout's clean-up runs `git submodule foreach` twice (core.sshCommand, then the auth
  // header); timed here on the gate floor's checkout, by git alone and outside the floor's totals.
  const foreach = read && runStep(submoduleForeach(), job);
  const result = {
    wall: steps.reduce((sum, step) => sum + step.wall, 0),
    cpu: steps.reduce((sum, step) => sum + step.cpu, 0) + serverCpu,
    serverCpu,
    requests: stats.git,
    steps: steps.map(({ id, wall, cpu }) => ({ id, wall, cpu })),
  };
  if (variant === 'sparse') result.fetch = loggedFetch(byId.checkout.log);
  if (variant === 'now' || variant === 'uncached') result.gateLog = gateLog(program, variant, byId.evident.log);
  if (read) result.metadata = { blobs: Number(read.outputs.blobs), bytes: Number(read.outputs.bytes) };
  if (foreach) result.foreach = { wall: foreach.wall, cpu: foreach.cpu };
  if (byId.evident || read) {
    result.checkedOut = Number(execFileSync('du', ['-sb', workspace], { encoding: 'utf8' }).split('\t')[0]);
    result.index = indexShape(workspace);
  }
  rmSync(workspace, { recursive: true, force: true });
  return result;
}

function floor() {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '']);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

console.log(`Disk before: ${execFileSync('df', ['-h', temp], { encoding: 'utf8' }).trim().split('\n').at(-1)}`);
let started = Date.now();
const fresh = withMetadataCache(await buildProgram('fresh', Number(values['fresh-months'])));
const long = withMetadataCache(await buildProgram('long-lived', Number(values.months)));
const oneFile = buildOneFile();
console.log(`Generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const p of [fresh, long]) {
  console.log(`${p.name}: ${p.totals.files} evidence files (${p.totals.lfs} Git LFS pointers), ${(p.totals.nominalBytes / 2 ** 30).toFixed(2)} GiB of evidence content, bare repository ${(p.bareBytes / 2 ** 20).toFixed(0)} MiB, metadata cache archive ${(p.cacheBytes / 2 ** 20).toFixed(1)} MiB`);
}
const served = Object.fromEntries([fresh, long, oneFile].map((p) => [`owner/${p.name}`, p.bare]));
const checkoutSha = pinnedActionSha(path.join(repoRoot, '.github/workflows/pr-gate.yml'), 'actions/checkout');
const checkoutDir = fetchAction(values['checkout-action'], checkoutSha, path.join(temp, 'actions-checkout', checkoutSha));
const runnerHome = path.join(temp, 'runner-home');
rmSync(runnerHome, { recursive: true, force: true });
mkdirSync(runnerHome, { recursive: true });
const bundleDigest = () => sha256(readFileSync(bundle)).slice(0, 12);
const bundleAtStart = bundleDigest();
console.log(`actions/checkout ${checkoutSha} (pinned in .github/workflows/pr-gate.yml), check action bundle sha256 ${bundleAtStart}…, ${git(repoRoot, 'version')}, node ${process.version}`);

const variants = values.variants.split(',');
const known = ['now', 'uncached', 'sparse', 'before'];
if (variants.some((v) => !known.includes(v))) throw new Error(`Unexpected --variants ${values.variants}, expected some of ${known.join(', ')}`);
const samples = {};
const floors = { node: [], 'checkout-one-file': [], 'git-one-file': [] };
const measured = [...variants, 'floor']; // the workflows, then the gate floor
for (let run = 0; run < runs; run += 1) {
  for (const variant of measured) {
    for (const program of run % 2 ? [long, fresh] : [fresh, long]) {
      const key = `${program.name}/${variant}`;
      (samples[key] ??= []).push(await runGate(program, variant));
    }
  }
  floors.node.push(floor());
  for (const variant of run % 2 ? ['git-one-file', 'checkout-one-file'] : ['checkout-one-file', 'git-one-file']) floors[variant].push(await runGate(oneFile, variant));
  process.stderr.write(`run ${run + 1}/${runs}\n`);
}
const m = (key, field) => median(samples[key].map((s) => s[field]));
const mf = (list, field) => median(list.map((s) => s[field]));
const label = (variant) => (variant === 'floor' ? 'gate floor (git alone)' : variant);
/** Median wall and CPU growth from fresh to long-lived of a workflow or the gate floor, seconds. */
const growth = (variant) => ({ wall: m(`long-lived/${variant}`, 'wall') - m(`fresh/${variant}`, 'wall'), cpu: m(`long-lived/${variant}`, 'cpu') - m(`fresh/${variant}`, 'cpu') });
const share = (part, whole) => `${((part / whole) * 100).toFixed(0)}%`;

function printSummary() {
  console.log(`\nMedians of ${runs} runs (load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}); floor \`node -e ''\` ${(median(floors.node) * 1000).toFixed(0)} ms`);
  console.log('| Workflow | Program | Wall | CPU | of which server | Checked out | HTTP requests | Long-lived / fresh (wall) | (CPU) | Growth, long-lived − fresh (wall / CPU) | of which the gate floor\'s (wall / CPU) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const floorGrowth = growth('floor');
  for (const variant of measured) {
    for (const program of [fresh, long]) {
      const key = `${program.name}/${variant}`;
      let ratio = ' | ';
      let grown = ' | ';
      if (program === long) {
        ratio = `${(m(key, 'wall') / m(`fresh/${variant}`, 'wall')).toFixed(2)}x | ${(m(key, 'cpu') / m(`fresh/${variant}`, 'cpu')).toFixed(2)}x`;
        const g = growth(variant);
        const ofFloor = variant === 'floor' ? '' : `${floorGrowth.wall.toFixed(2)} / ${floorGrowth.cpu.toFixed(2)} s (${share(floorGrowth.wall, g.wall)} / ${share(floorGrowth.cpu, g.cpu)})`;
        grown = `${g.wall.toFixed(2)} / ${g.cpu.toFixed(2)} s | ${ofFloor}`;
      }
      console.log(`| ${label(variant)} | ${program.name} (${program.totals.files} files) | ${m(key, 'wall').toFixed(2)} s | ${m(key, 'cpu').toFixed(2)} s | ${m(key, 'serverCpu').toFixed(2)} s | ${(m(key, 'checkedOut') / 2 ** 20).toFixed(0)} MiB | ${m(key, 'requests')} | ${ratio} | ${grown} |`);
    }
  }
}

function printSteps() {
  console.log('\nSteps (median wall / CPU, server not included):');
  console.log('| Workflow | Program | Steps |');
  console.log('| --- | --- | --- |');
  for (const variant of measured) {
    for (const program of [fresh, long]) {
      const list = samples[`${program.name}/${variant}`];
      const steps = list[0].steps.map(({ id }, i) => `${id} ${median(list.map((s) => s.steps[i].wall)).toFixed(2)} / ${median(list.map((s) => s.steps[i].cpu)).toFixed(2)} s`);
      console.log(`| ${label(variant)} | ${program.name} | ${steps.join('; ')} |`);
    }
  }
}

/** The gate floor in one line, how much of each workflow's growth it is, and whether its fetch is actions/checkout's. */
function printGateFloor() {
  const f = (program, field) => m(`${program.name}/floor`, field);
  const g = growth('floor');
  console.log(`\nGate floor (git alone: fetch, sparse checkout, read every metadata blob): fresh ${f(fresh, 'wall').toFixed(2)} s, long-lived ${f(long, 'wall').toFixed(2)} s, growth ${g.wall.toFixed(2)} s (CPU, server included: fresh ${f(fresh, 'cpu').toFixed(2)} s, long-lived ${f(long, 'cpu').toFixed(2)} s, growth ${g.cpu.toFixed(2)} s)`);
  for (const program of [fresh, long]) {
    const { blobs, bytes } = samples[`${program.name}/floor`][0].metadata;
    console.log(`  ${program.name}: ${blobs} metadata blobs read, ${(bytes / 2 ** 20).toFixed(1)} MiB of \`git cat-file --batch\` output`);
  }
  for (const variant of variants) {
    const v = growth(variant);
    console.log(`  ${variant}: growth ${v.wall.toFixed(2)} s wall, ${v.cpu.toFixed(2)} s CPU; the gate floor's ${share(g.wall, v.wall)} / ${share(g.cpu, v.cpu)} of it; above the floor ${(v.wall - g.wall).toFixed(2)} s wall, ${(v.cpu - g.cpu).toFixed(2)} s CPU`);
  }
  const foreach = (program) => samples[`${program.name}/floor`].map((s) => s.foreach);
  console.log(`  actions/checkout's two \`git submodule foreach\` after its checkout, by git alone on the floor's checkout (not in the floor): fresh ${mf(foreach(fresh), 'wall').toFixed(2)} s, long-lived ${mf(foreach(long), 'wall').toFixed(2)} s wall (CPU ${mf(foreach(fresh), 'cpu').toFixed(2)} / ${mf(foreach(long), 'cpu').toFixed(2)} s): each reads the index, and expands the sparse index to every entry`);
  if (variants.includes('sparse')) {
    const logged = new Set(Object.entries(samples).filter(([key]) => key.endsWith('/sparse')).flatMap(([key, list]) => list.map((s) => s.fetch?.replace(/[0-9a-f]{40}/, '<test merge>') ?? `none in ${key}`)));
    const ours = checkoutFetchArgs({ mergeSha: '<test merge>' }).join(' ');
    const same = logged.size === 1 && logged.has(ours);
    console.log(same ? `  its fetch is actions/checkout's, as the action's log shows it in every run of \`sparse\`: git ${ours}` : `WARNING: the gate floor fetches with \`git ${ours}\`, actions/checkout's log shows: ${[...logged].join(' | ')}`);
  }
}

printSummary();
printSteps();
printGateFloor();
console.log(`\nactions/checkout of a one-file repository (one commit): ${mf(floors['checkout-one-file'], 'wall').toFixed(2)} s wall, ${mf(floors['checkout-one-file'], 'cpu').toFixed(2)} s CPU (server ${mf(floors['checkout-one-file'], 'serverCpu').toFixed(2)} s), ${mf(floors['checkout-one-file'], 'requests')} HTTP requests`);
console.log(`the same fetch and checkout by git alone: ${mf(floors['git-one-file'], 'wall').toFixed(2)} s wall, ${mf(floors['git-one-file'], 'cpu').toFixed(2)} s CPU (server ${mf(floors['git-one-file'], 'serverCpu').toFixed(2)} s), ${mf(floors['git-one-file'], 'requests')} HTTP requests`);

console.log('\nThe head checkout\'s .git/index (first run):');
let notSparse = 0;
for (const variant of measured) {
  for (const program of [fresh, long]) {
    const list = samples[`${program.name}/${variant}`];
    if (variant !== 'before') notSparse += list.filter((s) => !s.index.sparse).length;
    const { bytes, entries, sdir, sparse } = list[0].index;
    const shape = sparse ? 'a sparse index (sdir extension, evidence/ one entry)' : `not a sparse index${sdir ? ' (an sdir extension, but evidence/ not one entry)' : ''}`;
    console.log(`${label(variant)}/${program.name}: ${(bytes / 1024).toFixed(0)} KiB, ${entries} entries, ${shape}`);
  }
}
console.log(notSparse ? `WARNING: ${notSparse} run(s) of the workflows or the gate floor left a full index: GIT_CONFIG_* did not reach git` : `${variants.filter((v) => v !== 'before').join(', ')}${variants.some((v) => v !== 'before') ? ' and ' : ''}the gate floor: a sparse index in every run`);

console.log('\nAll samples (wall s / CPU s, of which server; steps wall / CPU):');
for (const [key, list] of Object.entries(samples)) {
  console.log(`${key}: ${list.map((s) => `${s.wall.toFixed(2)}/${s.cpu.toFixed(2)} (${s.serverCpu.toFixed(2)}; ${s.steps.map((step) => `${step.wall.toFixed(2)}/${step.cpu.toFixed(2)}`).join(' ')})`).join(', ')}`);
}
for (const [key, list] of Object.entries(floors)) {
  console.log(`${key}: ${list.map((s) => (typeof s === 'number' ? `${(s * 1000).toFixed(0)} ms` : `${s.wall.toFixed(2)}/${s.cpu.toFixed(2)} (${s.serverCpu.toFixed(2)})`)).join(', ')}`);
}
if (bundleDigest() !== bundleAtStart) console.log(`WARNING: the check action's bundle changed during the runs (now sha256 ${bundleDigest()}…)`);
if (!values.keep) rmSync(temp, { recursive: true, force: true });
