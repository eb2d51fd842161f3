import { checkRepository, createValidators, readRepository, type RepositoryModel } from '@evident/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createOctokit, type GitHubClient } from '../src/create-octokit.js';
import { FakeGitHub } from './fake-github/fake-github.js';
import { commitAll, createGitSandbox, sandboxTemplate, seedProgram, writeFiles, type Clone, type GitSandbox } from './git-sandbox.js';

/** Everything a collection test needs: a real remote and clones, the fake GitHub, a client. */
export interface PolicyScenario {
  sandbox: GitSandbox;
  /** The clone people work in. */
  dev: Clone;
  fake: FakeGitHub;
  client: GitHubClient;
  token: string;
  baseSha: string;
  cleanup(): Promise<void>;
}

export const TOKEN = 'ghp_scenarioToken_5b1e0c9a7d3f4e21';

/** The roster logins and the repository permissions the fake GitHub knows. */
export async function startScenario(): Promise<PolicyScenario> {
  const sandbox = await createGitSandbox();
  const dev = await sandbox.clone('dev');
  return withFakeGitHub(sandbox, dev, await seedProgram(dev));
}

/** The git side of a scenario as a template is built: the seeded program in `dev`. */
export interface ScenarioRepositories {
  sandbox: GitSandbox;
  dev: Clone;
  baseSha: string;
}

/**
 * Scenarios whose git starting state (`build`, run once per test file after the program is seeded)
 * is copied for each test: each call starts a fresh fake GitHub on a fresh copy of the sandbox, and
 * returns what `build` returned. The fake GitHub knows the roster logins only: add pull requests
 * and reviews in each test, as `build` cannot reach it.
 */
export function scenarioTemplate<T>(build: (repositories: ScenarioRepositories) => Promise<T>): () => Promise<{ s: PolicyScenario; state: T }> {
  const copy = sandboxTemplate(async (sandbox) => {
    const dev = await sandbox.clone('dev');
    const baseSha = await seedProgram(dev);
    return { baseSha, built: await build({ sandbox, dev, baseSha }) };
  });
  return async () => {
    const { sandbox, state } = await copy();
    return { s: await withFakeGitHub(sandbox, sandbox.open('dev'), state.baseSha), state: state.built };
  };
}

async function withFakeGitHub(sandbox: GitSandbox, dev: Clone, baseSha: string): Promise<PolicyScenario> {
  const fake = await FakeGitHub.start({ token: TOKEN }).catch(async (error: unknown) => {
    await sandbox.cleanup();
    throw error;
  });
  fake.addUser('ada-gh', 'admin');
  fake.addUser('grace-gh', 'write');
  fake.addUser('linus-gh', 'write');
  fake.addUser('margaret-gh', 'read');
  fake.addUser('barbara-gh', 'read');
  fake.addUser('ken-gh', 'read');
  fake.addUser('outsider-gh', 'read');
  const client = createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries: 2, retryBaseMs: 1, writeIntervalMs: 0 });
  return {
    sandbox,
    dev,
    fake,
    client,
    token: TOKEN,
    baseSha,
    async cleanup() {
      try {
        await fake.stop();
      } finally {
        await sandbox.cleanup();
      }
    },
  };
}

/** Bump a policy's version and text on a branch; returns the new commit. */
export async function changePolicy(dev: Clone, file: string, version: string, sentence: string): Promise<string> {
  const text = await readFile(path.join(dev.dir, file), 'utf8');
  await writeFiles(dev.dir, { [file]: text.replace(/^version: .*$/m, `version: "${version}"`).replace('## Policy\n\n', `## Policy\n\n${sentence}\n\n`) });
  return commitAll(dev, `Update ${file} to ${version}`);
}

/** Merge a branch into main with a merge commit and push both; returns the merge commit. */
export async function mergeIntoMain(dev: Clone, branch: string): Promise<string> {
  await dev.git.checkout('main');
  await dev.git.raw(['merge', '--no-ff', '--quiet', '-m', `Merge ${branch}`, branch]);
  await dev.git.push('origin', 'main');
  return (await dev.git.revparse(['HEAD'])).trim();
}

/**
 * A scenario template (built once per test file): `file` changed to `version` with `sentence` on
 * `change-access`, pushed and merged into main, and a `runner` clone; its state the two commits.
 */
export function mergedPolicyChangeTemplate(file: string, version: string, sentence: string): () => Promise<{ s: PolicyScenario; state: { headSha: string; mergeSha: string } }> {
  return scenarioTemplate(async ({ sandbox, dev }) => {
    await dev.git.checkout(['-b', 'change-access']);
    const headSha = await changePolicy(dev, file, version, sentence);
    await dev.git.push('origin', 'change-access');
    const mergeSha = await mergeIntoMain(dev, 'change-access');
    await sandbox.clone('runner');
    return { headSha, mergeSha };
  });
}

/**
 * A scenario template (built once per test file): `file` changed to `version` in two commits on
 * `change-access` (`first`, then `second` sentence), pushed and merged into main, and a `runner` clone;
 * its state the three commits.
 */
export function twoCommitPolicyChangeTemplate(file: string, version: string, first: string, second: string): () => Promise<{ s: PolicyScenario; state: { firstSha: string; headSha: string; mergeSha: string } }> {
  return scenarioTemplate(async ({ sandbox, dev }) => {
    await dev.git.checkout(['-b', 'change-access']);
    const firstSha = await changePolicy(dev, file, version, first);
    const headSha = await changePolicy(dev, file, version, second);
    await dev.git.push('origin', 'change-access');
    const mergeSha = await mergeIntoMain(dev, 'change-access');
    await sandbox.clone('runner');
    return { firstSha, headSha, mergeSha };
  });
}

export async function loadModel(root: string): Promise<RepositoryModel> {
  const validators = createValidators();
  const result = checkRepository(await readRepository(root, { validators }), { today: '2026-03-01', validators });
  if (!result.model) throw new Error(`The fixture program does not load: ${JSON.stringify(result.diagnostics)}`);
  return result.model;
}
