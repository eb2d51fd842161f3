/**
 * The committed bundle, run as the runner runs it: `node dist/index.js` with the runner's
 * environment, against temporary git repositories. `node scripts/build-actions.mjs --check`
 * proves the bundle matches the sources.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit } from 'simple-git';
import { breakingChange, cleanChange, createProgramRepository, pullRequestEvent, type ProgramRepository } from '../test/program-repository.js';
import { runAction } from '../test/runner.js';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');

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
    expect(result.outputs).toEqual({ errors: '2', warnings: '0', 'changed-policies': '["access-control"]', weakened: 'false' });

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
