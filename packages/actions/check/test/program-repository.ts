/**
 * Temporary git repositories holding the small program under test/fixtures/program,
 * for the gate's integration and smoke tests.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit, type SimpleGit } from 'simple-git';

export const programFixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'program');

export interface ProgramRepository {
  /** The work tree (GITHUB_WORKSPACE). */
  dir: string;
  /** Where the program sits in the work tree: `''` or `sub/dir`. */
  root: string;
  git: SimpleGit;
  baseSha: string;
  /** Commit the current work tree as the pull request's head. */
  commitHead(message: string): Promise<string>;
  edit(file: string, change: (text: string) => string): Promise<void>;
  remove(file: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A repository whose first commit (the base) holds the program at `root`. */
export async function createProgramRepository(root = ''): Promise<ProgramRepository> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-gate-'));
  await cp(programFixture, path.join(dir, root), { recursive: true });
  await writeFile(path.join(dir, 'README.md'), '# Example program\n');
  const git = simpleGit(dir);
  await git.init();
  await git.addConfig('user.name', 'Example Author');
  await git.addConfig('user.email', 'author@example.com');
  await git.addConfig('commit.gpgsign', 'false');
  await git.add('.');
  await git.commit('Base program');
  const baseSha = (await git.revparse(['HEAD'])).trim();
  const inProgram = (file: string) => path.join(dir, root, file);
  return {
    dir,
    root,
    git,
    baseSha,
    async commitHead(message) {
      await git.add(['--all', '.']);
      await git.commit(message);
      return (await git.revparse(['HEAD'])).trim();
    },
    async edit(file, change) {
      await writeFile(inProgram(file), change(await readFile(inProgram(file), 'utf8')));
    },
    async remove(file) {
      await rm(inProgram(file));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The pull request that breaks `access-control`'s frontmatter (line 5) and removes the last control of CC7.3. */
export async function breakingChange(repo: ProgramRepository): Promise<string> {
  await repo.edit('policies/access-control.md', (text) => text.replace('status: approved', 'status: live'));
  await repo.remove('controls/IR-01.md');
  return repo.commitHead('Break a policy and remove a control');
}

/** A pull request that only rewords `incident-response`. */
export async function cleanChange(repo: ProgramRepository): Promise<string> {
  await repo.edit('policies/incident-response.md', (text) => text.replace('within one hour', 'within thirty minutes'));
  return repo.commitHead('Tighten alert triage');
}

/** A pull_request event payload, as the runner writes it to GITHUB_EVENT_PATH. */
export function pullRequestEvent(baseSha: string, headSha: string): object {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      title: 'Change policies `$(touch /tmp/pwned)`',
      base: { ref: 'main', sha: baseSha },
      head: { ref: 'feature', sha: headSha },
    },
    repository: { full_name: 'example/program' },
  };
}
