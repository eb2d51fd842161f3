/**
 * The committed bundle on the checkout pr-gate.yml makes: a partial clone over smart HTTP that needs
 * the workflow's token (as a private repository on GitHub does), commits and trees only, a sparse
 * checkout into a sparse index, and the evidence metadata cache written by metadata-cache.yml's own
 * step on the base. The action takes metadata from the cache only when its content has the id the
 * commit names, and fetches the rest with the token in one request.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseDocument, isMap, isSeq, type YAMLMap } from 'yaml';
import { startGitHttpServer, type GitHttpServer } from '../../../../scripts/bench/git-http-server.mjs';
import { createProgramRepository, pullRequestEvent, type ProgramRepository } from '../test/program-repository.js';
import { runAction } from '../test/runner.js';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(actionDir, 'dist', 'index.js');
const workflows = path.resolve(actionDir, '..', '..', '..', '.github', 'workflows');
const run = promisify(execFile);
const TOKEN = 'ghs_partialCloneSmokeToken0123456789';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const metadata = (text: string) => `controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: 2026-10-02\ncollected_by: ada-lovelace\nsource: Identity provider export\nsha256: ${sha256(text)}\n`;
const FOLDER = 'evidence/AC-01/2026-Q3';

/** The steps of a workflow's only job, as maps. */
async function steps(file: string): Promise<YAMLMap[]> {
  const doc = parseDocument(await readFile(path.join(workflows, file), 'utf8'));
  const jobs = doc.get('jobs') as YAMLMap;
  const job = jobs.items[0]!.value as YAMLMap;
  const list = job.get('steps');
  if (!isSeq(list)) throw new Error(`${file} has no steps`);
  return list.items.filter(isMap) as YAMLMap[];
}

let repo: ProgramRepository | undefined;
let server: GitHttpServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await repo?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  repo = server = dir = undefined;
});

/**
 * A base with three evidence items, and a pull request that edits one item's metadata (its sha256
 * no longer the file's) and adds a fourth; served over HTTP with a token. Returns the workspace the
 * gate's checkout makes, the metadata cache written on the base, and the shas.
 */
async function gateCheckout(vendor: { baseAction?: (actionYml: string) => string } = {}) {
  repo = await createProgramRepository();
  if (vendor.baseAction) {
    // The base commit carries a copy of the check action, as a vendored program or Evident's own repository does.
    const vendored = path.join(repo.dir, 'packages/actions/check');
    await mkdir(path.join(vendored, 'dist'), { recursive: true });
    await writeFile(path.join(vendored, 'action.yml'), vendor.baseAction(await readFile(path.join(actionDir, 'action.yml'), 'utf8')));
    await writeFile(path.join(vendored, 'package.json'), await readFile(path.join(actionDir, 'package.json')));
    await writeFile(path.join(vendored, 'dist', 'index.js'), await readFile(bundle));
  }
  await mkdir(path.join(repo.dir, FOLDER), { recursive: true });
  for (const name of ['one', 'two', 'three']) {
    await writeFile(path.join(repo.dir, FOLDER, `${name}.csv`), `${name},admin\n`);
    await writeFile(path.join(repo.dir, FOLDER, `${name}.csv.evidence.yaml`), metadata(`${name},admin\n`));
  }
  const base = await repo.commitHead('Q3 access reviews');
  await writeFile(path.join(repo.dir, FOLDER, 'one.csv.evidence.yaml'), metadata('one,read\n'));
  await writeFile(path.join(repo.dir, FOLDER, 'four.csv'), 'four,admin\n');
  await writeFile(path.join(repo.dir, FOLDER, 'four.csv.evidence.yaml'), metadata('four,admin\n'));
  const head = await repo.commitHead('Edit one review, add another');

  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-partial-clone-'));
  const bare = path.join(dir, 'program.git');
  await run('git', ['clone', '-q', '--bare', repo.dir, bare]);
  await run('git', ['-C', bare, 'config', 'uploadpack.allowFilter', 'true']);
  await run('git', ['-C', bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true']);
  server = await startGitHttpServer({ repositories: { 'example/program': bare }, token: TOKEN });
  const auth = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `http.${server.url}/.extraheader`, GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}` };

  // metadata-cache.yml on the base: its checkout, then its own `run:` step.
  const main = path.join(dir, 'main');
  await run('git', ['clone', '-q', '--no-checkout', `${server.url}/example/program`, main], { env: { ...process.env, ...auth } });
  await run('git', ['-C', main, 'checkout', '-q', base]);
  const writer = (await steps('metadata-cache.yml')).find((step) => /cat-file --batch/.test(String(step.get('run'))))!;
  expect(String(writer.get('shell'))).toBe('bash');
  await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', String(writer.get('run'))], { cwd: main, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', RUNNER_TEMP: dir } });

  // pr-gate.yml's checkout: commits and trees (its filter), the auth header only while it fetches, its sparse folders.
  const checkout = (await steps('pr-gate.yml')).find((step) => String(step.get('uses')).startsWith('actions/checkout@'))!;
  const options = checkout.get('with') as YAMLMap;
  expect(options.get('filter')).toBe('blob:none');
  const workspace = path.join(dir, 'workspace');
  await mkdir(workspace);
  const gitEnv = { ...process.env, GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_1: 'index.sparse', GIT_CONFIG_VALUE_1: 'true', GIT_CONFIG_KEY_0: auth.GIT_CONFIG_KEY_0, GIT_CONFIG_VALUE_0: auth.GIT_CONFIG_VALUE_0 };
  await run('git', ['init', '-q', workspace]);
  await run('git', ['-C', workspace, 'remote', 'add', 'origin', `${server.url}/example/program`]);
  await run('git', ['-C', workspace, '-c', 'protocol.version=2', 'fetch', '-q', '--no-tags', '--prune', `--filter=${String(options.get('filter'))}`, 'origin', '+refs/heads/*:refs/remotes/origin/*'], { env: gitEnv });
  await run('git', ['-C', workspace, 'sparse-checkout', 'set', ...String(options.get('sparse-checkout')).trim().split('\n')], { env: gitEnv });
  await run('git', ['-C', workspace, 'checkout', '-q', '--force', head], { env: gitEnv });
  await mkdir(path.join(workspace, '.evident-cache'));
  await writeFile(path.join(workspace, '.evident-cache', 'metadata'), await readFile(path.join(main, '.evident-cache', 'metadata')));
  return { workspace, base, head, url: server.url };
}

/** Whether the workspace's repository holds the blob of `file` at `commit` (without fetching it). */
async function holds(workspace: string, commit: string, file: string): Promise<boolean> {
  const oid = (await run('git', ['-C', workspace, 'rev-parse', `${commit}:${file}`])).stdout.trim();
  return (await run('git', ['-C', workspace, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname)'], { maxBuffer: 1 << 26 })).stdout.split('\n').includes(oid);
}

describe('dist/index.js on the partial clone pr-gate.yml makes', () => {
  it('reads untouched metadata from the cache, fetches only what the change touched with the token, and catches the edited item', async () => {
    const { workspace, base, head, url } = await gateCheckout();
    const inputs = { root: '.', 'hash-evidence': 'changed', 'metadata-cache': '.evident-cache/metadata', token: TOKEN };
    const result = await runAction(bundle, { workspace, event: pullRequestEvent(base, head), inputs, env: { GITHUB_SERVER_URL: url } });

    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Metadata cache .evident-cache/metadata: 3 blobs, each checked against its object id');
    // The edited metadata and the new item's (not in the cache), and the two evidence files to hash.
    expect(result.stdout).toContain('Fetching 4 missing blobs by id');
    expect(result.stdout).toMatch(/^::error file=evidence\/AC-01\/2026-Q3\/one\.csv\.evidence\.yaml,line=6,.*title=Evident evidence\/hash-mismatch::/m);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.errors).toBe('1');
    // The untouched items' files were neither hashed nor fetched; their metadata came from the cache.
    expect(await holds(workspace, head, `${FOLDER}/two.csv`)).toBe(false);
    expect(await holds(workspace, head, `${FOLDER}/two.csv.evidence.yaml`)).toBe(false);
    expect(await holds(workspace, head, `${FOLDER}/four.csv`)).toBe(true);
    // The token and the header made of it are in no output but the runner's mask commands, and nothing of them stays in the checkout.
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    expect(result.stdout).toContain(`::add-mask::${TOKEN}\n::add-mask::${basic}\n`);
    const shown = `${result.stdout}${result.summary}`.replace(`::add-mask::${TOKEN}\n::add-mask::${basic}\n`, '');
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain(basic);
    expect(await readFile(path.join(workspace, '.git', 'config'), 'utf8')).not.toContain('extraheader');
    expect(server!.stats.failures).toBe(0);
  });

  it('takes nothing from a tampered cache entry: the blob is fetched and the gate decides the same', async () => {
    const { workspace, base, head, url } = await gateCheckout();
    const file = path.join(workspace, '.evident-cache', 'metadata');
    // `two`'s metadata, rewritten in place to another control with the same length and id.
    await writeFile(file, (await readFile(file, 'latin1')).replace('controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: 2026-10-02\ncollected_by: ada-lovelace\nsource: Identity provider export\nsha256: ' + sha256('two,admin\n'), 'controls: [AC-99]\ncovers: 2026-Q3\ncollected_at: 2026-10-02\ncollected_by: ada-lovelace\nsource: Identity provider export\nsha256: ' + sha256('two,admin\n')), 'latin1');
    const inputs = { root: '.', 'hash-evidence': 'changed', 'metadata-cache': '.evident-cache/metadata', token: TOKEN };
    const result = await runAction(bundle, { workspace, event: pullRequestEvent(base, head), inputs, env: { GITHUB_SERVER_URL: url } });
    expect(result.stdout).toContain('Metadata cache .evident-cache/metadata: 2 blobs, each checked against its object id (1 entry left out, their content not matching their id)');
    expect(result.stdout).toContain('Fetching 5 missing blobs by id');
    expect(result.stdout).not.toContain('AC-99');
    expect(result.outputs.errors).toBe('1');
    expect(await holds(workspace, head, `${FOLDER}/two.csv.evidence.yaml`)).toBe(true);
  });

  it("fetches every blob as checkouts did when the base's check action predates the cache (the pull request that upgrades Evident)", async () => {
    // The base's action.yml without the inputs this version added.
    const older = (text: string) => text.replace(/\n  metadata-cache:[\s\S]*?(?=\noutputs:)/, '\n');
    const { workspace, base, head, url } = await gateCheckout({ baseAction: older });
    const taker = (await steps('pr-gate.yml')).find((step) => /git archive/.test(String(step.get('run'))))!;
    const env = Object.fromEntries((taker.get('env') as YAMLMap).items.map((pair) => [String((pair.key as { value: unknown }).value), String((pair.value as { value: unknown }).value)]));
    expect(await holds(workspace, head, `${FOLDER}/two.csv.evidence.yaml`)).toBe(false);
    await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', String(taker.get('run'))], {
      cwd: workspace,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workspace, ...env, BASE_SHA: base, GITHUB_SHA: head, GITHUB_SERVER_URL: url, GITHUB_TOKEN: TOKEN },
    });
    const taken = path.join(workspace, '.evident-base', env.CHECK_ACTION!);
    expect(await readFile(path.join(taken, 'action.yml'), 'utf8')).not.toContain('metadata-cache');
    for (const file of ['two.csv.evidence.yaml', 'two.csv', 'four.csv']) expect(await holds(workspace, head, `${FOLDER}/${file}`)).toBe(true);
    // The older action, given no token and no cache, finds every blob it reads.
    const result = await runAction(path.join(taken, 'dist', 'index.js'), { workspace, event: pullRequestEvent(base, head), inputs: { root: '.', 'hash-evidence': 'changed' }, env: { GITHUB_SERVER_URL: url } });
    expect(result.stdout).not.toContain('Fetching');
    expect(result.outputs.errors).toBe('1');
    expect(await readFile(path.join(workspace, '.git', 'config'), 'utf8')).not.toContain('extraheader');
  });

  it('fails with what to do, not a stack trace, when it has no token to fetch with', async () => {
    const { workspace, base, head, url } = await gateCheckout();
    const result = await runAction(bundle, { workspace, event: pullRequestEvent(base, head), inputs: { root: '.', 'metadata-cache': '.evident-cache/metadata' }, env: { GITHUB_SERVER_URL: url } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error::Could not fetch 4 blobs the gate reads from `origin`: .*give the check action a token that can read the repository/m);
    expect(result.stdout).not.toMatch(/^\s+at /m);
    expect(server!.stats.unauthorized).toBeGreaterThan(0);
  });
});
