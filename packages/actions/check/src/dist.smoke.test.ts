/**
 * The committed bundle, run as the runner runs it: `node dist/index.js` with the runner's
 * environment, against temporary git repositories. `node scripts/build-actions.mjs --check`
 * proves the bundle matches the sources.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { simpleGit } from 'simple-git';
import { breakingChange, cleanChange, createProgramRepository, pullRequestEvent, type ProgramRepository } from '../test/program-repository.js';
import { runAction } from '../test/runner.js';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(actionDir, 'dist', 'index.js');
const prGate = path.resolve(actionDir, '..', '..', '..', '.github', 'workflows', 'pr-gate.yml');

/** The steps of pr-gate.yml's job: the head checkout's `sparse-checkout` and `env:`, and the step that takes the base's action (its `env:` and `run:`). */
async function gateWorkflow() {
  const doc = parseDocument(await readFile(prGate, 'utf8'));
  const steps = doc.getIn(['jobs', 'check', 'steps']);
  if (!isSeq(steps)) throw new Error('pr-gate.yml has no steps');
  const maps = steps.items.filter(isMap) as YAMLMap[];
  const checkout = maps.find((step) => String(step.get('uses')).startsWith('actions/checkout@'))!;
  const taker = maps.find((step) => typeof step.get('run') === 'string' && /git archive/.test(String(step.get('run'))))!;
  const envOf = (step: YAMLMap) => Object.fromEntries((step.get('env') as YAMLMap).items.map((pair) => [String((pair.key as { value: unknown }).value), String((pair.value as { value: unknown }).value)]));
  const sparse = String((checkout.get('with') as YAMLMap).get('sparse-checkout')).trim().split('\n');
  return { checkoutEnv: envOf(checkout), sparse, takerEnv: envOf(taker), takerRun: String(taker.get('run')), shell: isScalar(taker.get('shell', true)) ? String(taker.get('shell')) : undefined };
}

let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('dist/index.js', () => {
  it('annotates a pull request that breaks a policy, summarises the coverage delta and fails', async () => {
    repo = await createProgramRepository();
    const head = await breakingChange(repo);
    const result = await runAction(bundle, { workspace: repo.dir, event: pullRequestEvent(repo.baseSha, head), inputs: { root: '.', 'base-ref': '', strict: 'false' } });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error file=policies\/access-control\.md,line=5,endLine=5,col=9,endColumn=13,title=Evident schema::Unexpected `live` for `status`/m);
    expect(result.stdout).toMatch(/^::error file=evident\.yaml,line=6,.*title=Evident coverage\/uncovered-criterion::.*CC7\.3/m);
    expect(result.stdout).toContain('::error::Unexpected 2 errors, expected none%0AUnexpected removal of the last control of in-scope criterion `CC7.3`');
    expect(result.outputs).toEqual({ errors: '2', warnings: '0', 'changed-policies': '["access-control"]', weakened: 'true' });

    expect(result.summary).toContain('## Evident check: ❌ failed');
    expect(result.summary).toContain('**2** errors, **0** warnings, **0** info');
    expect(result.summary).toContain(`Compared with \`main\` at \`${repo.baseSha.slice(0, 12)}\`: criteria covered 4/4 → 3/4.`);
    expect(result.summary).toContain('| `CC7.3` | Security incident evaluation | operating (1) | uncovered | − mapped `IR-01`; − implemented `IR-01`; **no control left** |');
    expect(result.summary).toContain(
      '| `access-control` Access Control Policy | modified | [policies/access-control.md](https://github.com/example/program/blob/1111111111111111111111111111111111111111/policies/access-control.md) | `security` (@ada-example, @grace-example) |',
    );
    expect(result.summary).toMatch(/^\| error \| \[policies\/access-control\.md:5\]\(https:\/\/github\.com\/example\/program\/blob\/1{40}\/policies\/access-control\.md#L5\) \| Unexpected `live` for `status`.* \| `schema` \|$/m);
  });

  it('passes a clean pull request', async () => {
    repo = await createProgramRepository();
    const head = await cleanChange(repo);
    const result = await runAction(bundle, { workspace: repo.dir, event: pullRequestEvent(repo.baseSha, head), inputs: { root: '.', strict: 'true' } });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('::error');
    expect(result.outputs).toEqual({ errors: '0', warnings: '0', 'changed-policies': '["incident-response"]', weakened: 'false' });
    expect(result.summary).toContain('## Evident check: ✅ passed');
    expect(result.summary).toContain('No criterion gains or loses a mapped or implemented control.');
  });

  it("judges a pull request that turns a rule off with the base's rules, read from a checkout of the base, and calls the change out first", async () => {
    repo = await createProgramRepository();
    await repo.edit('policies/incident-response.md', (text) => text.replace('alan-turing]', 'nobody-known]'));
    await repo.edit('evident.yaml', (text) => `${text}rules:\n  reference/unknown-person: off\n`);
    const head = await repo.commitHead('Turn the unknown-person rule off');
    await simpleGit().clone(repo.dir, path.join(repo.dir, '.evident-base'));
    await simpleGit(path.join(repo.dir, '.evident-base')).checkout(repo.baseSha);
    const result = await runAction(bundle, { workspace: repo.dir, event: pullRequestEvent(repo.baseSha, head), inputs: { root: '.', 'base-root': '.evident-base' } });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toEqual({ errors: '1', warnings: '0', 'changed-policies': '["incident-response"]', weakened: 'true' });
    expect(result.stdout).toMatch(/^::warning::This pull request weakens the gate \(`reference\/unknown-person` lowered from error to off\)/m);
    expect(result.stdout).toMatch(/^::error file=policies\/incident-response\.md,line=7,.*title=Evident reference\/unknown-person::/m);
    expect(result.summary).toMatch(/^## ⚠️ This pull request weakens the gate \(1 change\)\n\n.*\n\n- `reference\/unknown-person` lowered from error to off\n\n## Evident check: ❌ failed\n/);
  });

  it("runs as pr-gate.yml runs it: a sparse checkout with a sparse index, the base's own copy of the action taken from git, the base read from git", async () => {
    const workflow = await gateWorkflow();
    repo = await createProgramRepository();
    // The base commit carries the check action, as Evident's own repository does.
    const vendored = path.join(repo.dir, workflow.takerEnv.CHECK_ACTION!);
    await mkdir(path.join(vendored, 'dist'), { recursive: true });
    await copyFile(path.join(actionDir, 'action.yml'), path.join(vendored, 'action.yml'));
    await copyFile(path.join(actionDir, 'package.json'), path.join(vendored, 'package.json'));
    await copyFile(bundle, path.join(vendored, 'dist', 'index.js'));
    const base = await repo.commitHead('Vendor the check action');
    // The pull request breaks a policy and replaces its copy of the action with one that always passes.
    await breakingChange(repo);
    await writeFile(path.join(vendored, 'dist', 'index.js'), 'process.exit(0);\n');
    const head = await repo.commitHead('Break a policy and weaken the action');
    const run = promisify(execFile);
    const gitEnv = { ...process.env, ...workflow.checkoutEnv };
    await run('git', ['sparse-checkout', 'set', ...workflow.sparse], { cwd: repo.dir, env: gitEnv });
    await run('git', ['checkout', '--force', head], { cwd: repo.dir, env: gitEnv });
    // The sparse index holds the folders left out as one entry each: `git ls-files --sparse` lists the folder, not its files.
    const listed = (await run('git', ['ls-files', '--sparse'], { cwd: repo.dir, env: gitEnv })).stdout.split('\n');
    expect(listed).toContain('packages/');
    await expect(stat(path.join(repo.dir, 'packages'))).rejects.toThrow();

    expect(workflow.shell).toBe('bash');
    await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', workflow.takerRun], { cwd: repo.dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...workflow.takerEnv, BASE_SHA: base } });
    const taken = path.join(repo.dir, '.evident-base', workflow.takerEnv.CHECK_ACTION!, 'dist', 'index.js');
    expect(await readFile(taken, 'utf8')).toBe(await readFile(bundle, 'utf8'));

    const result = await runAction(taken, { workspace: repo.dir, event: pullRequestEvent(base, head), inputs: { root: '.', 'hash-evidence': 'changed' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toEqual({ errors: '2', warnings: '0', 'changed-policies': '["access-control"]', weakened: 'true' });
    expect(result.summary).toContain('**no control left**');
  });

  it('compares a merge queue entry with its base', async () => {
    repo = await createProgramRepository();
    await breakingChange(repo);
    const result = await runAction(bundle, { workspace: repo.dir, eventName: 'merge_group', event: { merge_group: { base_sha: repo.baseSha, base_ref: 'refs/heads/main' } } });
    expect(result.exitCode).toBe(1);
    expect(result.summary).toContain('**no control left**');
  });

  it('fails with a clear message when the base commit is not in a shallow checkout', async () => {
    repo = await createProgramRepository();
    const head = await breakingChange(repo);
    const result = await runAction(bundle, { workspace: repo.dir, event: pullRequestEvent('ffffffffffffffffffffffffffffffffffffffff', head) });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('::error::Unexpected missing base commit `ffffffffffffffffffffffffffffffffffffffff`, expected it in the checkout: set `fetch-depth: 0` on actions/checkout');
  });

  it('fails with a clear message when the root has no evident.yaml', async () => {
    repo = await createProgramRepository();
    const result = await runAction(bundle, { workspace: repo.dir, eventName: 'push', inputs: { root: 'missing' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error::No evident\.yaml in .*missing/m);
  });
});
