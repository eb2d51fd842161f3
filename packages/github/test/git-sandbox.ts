import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit, type SimpleGit } from 'simple-git';

/** Real git repositories in a temporary directory: a bare remote and clones of it. */
export interface GitSandbox {
  dir: string;
  /** Path of the bare remote. */
  remote: string;
  clone(name: string): Promise<Clone>;
  cleanup(): Promise<void>;
}

export interface Clone {
  dir: string;
  git: SimpleGit;
}

const FIXTURE_PROGRAM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'program');

/** Identity and settings in each repository's own config: never the global git configuration. */
async function configureRepository(git: SimpleGit): Promise<void> {
  await git.addConfig('user.name', 'Test Author');
  await git.addConfig('user.email', 'author@example.com');
  await git.addConfig('commit.gpgsign', 'false');
  await git.addConfig('tag.gpgsign', 'false');
  await git.addConfig('core.autocrlf', 'false');
}

export async function createGitSandbox(): Promise<GitSandbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'evident-git-'));
  const remote = path.join(dir, 'remote.git');
  await mkdir(remote);
  await simpleGit(remote).raw(['init', '--bare', '--quiet', '--initial-branch=main']);
  return {
    dir,
    remote,
    async clone(name) {
      const target = path.join(dir, name);
      await simpleGit(dir).raw(['clone', '--quiet', remote, target]);
      const git = simpleGit(target);
      await configureRepository(git);
      return { dir: target, git };
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
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

/** A program repository: the fixture committed on `main` and pushed. Returns the base commit. */
export async function seedProgram(clone: Clone): Promise<string> {
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
