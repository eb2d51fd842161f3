import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from '@jest/globals';
import { simpleGit, type SimpleGit } from 'simple-git';

/** Real git repositories in a temporary directory: a bare remote and clones of it. */
export interface GitSandbox {
  dir: string;
  /** Path of the bare remote. */
  remote: string;
  clone(name: string): Promise<Clone>;
  /** A clone made earlier (in this sandbox or in the template it was copied from). */
  open(name: string): Clone;
  cleanup(): Promise<void>;
}

export interface Clone {
  dir: string;
  git: SimpleGit;
}

const FIXTURE_PROGRAM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'program');

/** Identity and settings in each repository's own config: never the global git configuration. */
const REPOSITORY_CONFIG = ['user.name=Test Author', 'user.email=author@example.com', 'commit.gpgsign=false', 'tag.gpgsign=false', 'core.autocrlf=false'];

/** `git clone` with the repository's own config written by the clone itself (one git process, not six). */
async function cloneConfigured(remote: string, target: string): Promise<SimpleGit> {
  await simpleGit(path.dirname(target)).raw(['clone', '--quiet', ...REPOSITORY_CONFIG.flatMap((setting) => ['-c', setting]), remote, target]);
  return simpleGit(target);
}

/**
 * The seeded program, made with real git once per test file: a bare remote whose `main` holds the
 * fixture program, and the clone that pushed it. `seedProgram` copies them (fs.cp) into a fresh
 * sandbox instead of committing and pushing the same files again for every test.
 */
interface SeededTemplate {
  dir: string;
  remote: string;
  clone: string;
  sha: string;
}
let template: Promise<SeededTemplate> | undefined;

function seededTemplate(): Promise<SeededTemplate> {
  template ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'evident-git-template-'));
    const remote = path.join(dir, 'remote.git');
    await mkdir(remote);
    await simpleGit(remote).raw(['init', '--bare', '--quiet', '--initial-branch=main']);
    const clone = path.join(dir, 'clone');
    const git = await cloneConfigured(remote, clone);
    await cp(FIXTURE_PROGRAM, clone, { recursive: true });
    await git.add(['-A']);
    await git.commit('Initial program');
    await git.push('origin', 'main');
    return { dir, remote, clone, sha: (await git.revparse(['HEAD'])).trim() };
  })();
  return template;
}

// The template lives as long as the test file that made it.
afterAll(async () => {
  if (template) await rm((await template).dir, { recursive: true, force: true });
});

/** No branch yet: a repository as `git init` or a clone of an empty remote leaves it. */
async function hasNoRefs(gitDir: string): Promise<boolean> {
  const heads = await readdir(path.join(gitDir, 'refs', 'heads')).catch(() => ['?']);
  const packed = await stat(path.join(gitDir, 'packed-refs')).then(() => true, () => false);
  return heads.length === 0 && !packed;
}

/** Replace `gitDir` with a copy of `source`, pointing `origin` at `remote` when it names one. */
async function copyGitDir(source: string, gitDir: string, fromRemote?: string, toRemote?: string): Promise<void> {
  await rm(gitDir, { recursive: true, force: true });
  await cp(source, gitDir, { recursive: true });
  if (fromRemote && toRemote) {
    const config = path.join(gitDir, 'config');
    await writeFile(config, (await readFile(config, 'utf8')).split(fromRemote).join(toRemote));
  }
}

export async function createGitSandbox(): Promise<GitSandbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'evident-git-'));
  const remote = path.join(dir, 'remote.git');
  await mkdir(remote);
  await simpleGit(remote).raw(['init', '--bare', '--quiet', '--initial-branch=main']);
  return sandboxAt(dir);
}

/** The sandbox in `dir`, whose bare remote is `remote.git`. */
function sandboxAt(dir: string): GitSandbox {
  const remote = path.join(dir, 'remote.git');
  return {
    dir,
    remote,
    async clone(name) {
      const target = path.join(dir, name);
      return { dir: target, git: await cloneConfigured(remote, target) };
    },
    open: (name) => ({ dir: path.join(dir, name), git: simpleGit(path.join(dir, name)) }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Folders of this test file's template sandboxes, removed when it ends (whether or not their build succeeded). */
const templates: Promise<string | undefined>[] = [];
afterAll(async () => {
  await Promise.all(
    templates.splice(0).map(async (made) => {
      const dir = await made;
      if (dir) await rm(dir, { recursive: true, force: true });
    }),
  );
});

/**
 * A starting state made with real git once per test file: `build` runs in a sandbox the first time
 * a copy is asked for (it may clone, commit, push and append evidence). Each call of the returned
 * function gives a fresh sandbox holding a copy (fs.cp) of that one, every clone's `origin` pointing
 * at the copy's own remote, and what `build` returned; reach its clones with `sandbox.open(name)`.
 * Tests stay independent: each changes only its own copy. `build` must leave no worktree behind.
 */
export function sandboxTemplate<T>(build: (sandbox: GitSandbox) => Promise<T>): () => Promise<{ sandbox: GitSandbox; state: T }> {
  let made: Promise<{ dir: string; state: T }> | undefined;
  return async () => {
    if (!made) {
      const sandbox = createGitSandbox();
      templates.push(sandbox.then((created) => created.dir, () => undefined));
      made = sandbox.then(async (created) => ({ dir: created.dir, state: await build(created) }));
    }
    const { dir: from, state } = await made;
    const dir = await mkdtemp(path.join(tmpdir(), 'evident-git-'));
    await cp(from, dir, { recursive: true });
    for (const entry of await readdir(dir)) {
      const config = path.join(dir, entry, '.git', 'config');
      const text = await readFile(config, 'utf8').catch(() => undefined);
      if (text !== undefined) await writeFile(config, text.split(from).join(dir));
    }
    return { sandbox: sandboxAt(dir), state };
  };
}

export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
}

/** Commit everything in the worktree; returns the commit id. */
export async function commitAll(clone: Clone, message: string): Promise<string> {
  await clone.git.add(['-A']);
  await clone.git.commit(message);
  return (await clone.git.revparse(['HEAD'])).trim();
}

/**
 * A program repository: the fixture committed on `main` and pushed. Returns the base commit.
 * A fresh clone of an empty remote gets a copy of the seeded template (same commit, same
 * objects, real repositories); any other clone commits and pushes the fixture itself.
 */
export async function seedProgram(clone: Clone): Promise<string> {
  const remote = (await clone.git.raw(['config', '--get', 'remote.origin.url'])).trim();
  if (path.isAbsolute(remote) && (await hasNoRefs(path.join(clone.dir, '.git'))) && (await hasNoRefs(remote)) && (await readdir(clone.dir)).every((name) => name === '.git')) {
    const seeded = await seededTemplate();
    await copyGitDir(seeded.remote, remote);
    await copyGitDir(path.join(seeded.clone, '.git'), path.join(clone.dir, '.git'), seeded.remote, remote);
    await cp(FIXTURE_PROGRAM, clone.dir, { recursive: true });
    return seeded.sha;
  }
  await cp(FIXTURE_PROGRAM, clone.dir, { recursive: true });
  const sha = await commitAll(clone, 'Initial program');
  await clone.git.push('origin', 'main');
  return sha;
}

/** Every file of the fixture program as the GitHub contents API would serve it. */
export async function programFiles(dir: string, files: readonly string[]): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const file of files) out[file] = await readFile(path.join(dir, file));
  return out;
}
