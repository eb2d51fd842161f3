/**
 * Every action bundle under packages/actions/*\/dist loads and runs its main: a bundled
 * dependency that crashes at load (a missing module, a `require` the ESM output cannot
 * serve, a syntax the runtime rejects) fails here, before a workflow finds it.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from '../packages/actions/check/test/runner.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const actionsDir = path.join(root, 'packages', 'actions');

interface ListedAction {
  name: string;
  entry: string;
  outfile: string;
}

const listed = JSON.parse(execFileSync(process.execPath, [path.join(root, 'scripts', 'build-actions.mjs'), '--list'], { encoding: 'utf8' })) as ListedAction[];

/** Signs of a bundle that died while loading rather than a main that reported a failure. */
const loadCrash = /ERR_MODULE_NOT_FOUND|ERR_REQUIRE_ESM|ERR_UNKNOWN_FILE_EXTENSION|Cannot find module|Dynamic require of|SyntaxError|ReferenceError|is not a function|is not a constructor/;

describe('scripts/build-actions.mjs', () => {
  it('finds every action with a src/main.ts', async () => {
    const dirs = (await readdir(actionsDir, { withFileTypes: true })).filter((d) => d.isDirectory() && existsSync(path.join(actionsDir, d.name, 'src', 'main.ts'))).map((d) => d.name);
    expect(listed.map((a) => a.name)).toEqual(dirs.sort());
    expect(listed).toContainEqual({ name: 'check', entry: 'packages/actions/check/src/main.ts', outfile: 'packages/actions/check/dist/index.js' });
  });

  it('gives every action an action.yml on node24 whose main is the bundle', async () => {
    const { parse } = await import('yaml');
    const { readFile } = await import('node:fs/promises');
    for (const action of listed) {
      const file = `packages/actions/${action.name}/action.yml`;
      let metadata: { runs?: { using?: string; main?: string } };
      try {
        metadata = parse(await readFile(path.join(root, file), 'utf8'), { prettyErrors: true });
      } catch (error) {
        throw new Error(`${file} is not valid YAML (the runner would refuse it): ${(error as Error).message}`);
      }
      expect({ file, runs: metadata.runs }).toEqual({ file, runs: expect.objectContaining({ using: 'node24', main: 'dist/index.js' }) });
    }
  });
});

/** What each action's main says first when it runs in an empty workspace without inputs. */
const firstRefusal: Record<string, string> = {
  access: 'Input required and not supplied: token',
  bundle: 'No evident.yaml in ',
  check: 'No evident.yaml in ',
  'collect-evidence': 'Input required and not supplied: token',
  populations: 'Input required and not supplied: token',
  reminders: 'Input required and not supplied: token',
};

describe.each(listed)('packages/actions/$name/dist/index.js', (action) => {
  it('starts and reaches its main with a minimal runner environment', async () => {
    // A missing bundle is a failure, not a skipped test: the action.yml of the action points at it.
    if (!existsSync(path.join(root, action.outfile))) throw new Error(`${action.outfile} is missing: run \`npm run build:actions\``);
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'evident-empty-workspace-'));
    try {
      const result = await runAction(path.join(root, action.outfile), { workspace, eventName: 'workflow_dispatch', event: {}, timeoutMs: 20_000 });
      expect(result.stderr).not.toMatch(loadCrash);
      // Main ran: it refused the empty environment with its own first check, the way actions fail (core.setFailed).
      const expected = firstRefusal[action.name];
      if (!expected) throw new Error(`Add the error ${action.name} gives in an empty workspace to firstRefusal`);
      expect({ exitCode: result.exitCode, error: result.stdout.match(/^::error::.*$/m)?.[0] }).toEqual({ exitCode: 1, error: expect.stringContaining(`::error::${expected}`) });
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});
