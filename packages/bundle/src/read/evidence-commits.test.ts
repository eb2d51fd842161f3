import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { evidenceLogArguments, parseEvidenceLog } from './parse-evidence-log.js';
import { readEvidenceCommits } from './read-evidence-commits.js';

/**
 * A real repository whose default branch received evidence in several ways: direct commits, a merge
 * commit of a branch committed days earlier, a file removed and added again, one only in the working tree.
 */
let root: string;
const sha = {} as Record<string, string>;

function git(args: string[], at = '2026-09-01T10:00:00Z'): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_AUTHOR_NAME: 'Author', GIT_AUTHOR_EMAIL: 'author@example.com', GIT_AUTHOR_DATE: at, GIT_COMMITTER_NAME: 'Committer', GIT_COMMITTER_EMAIL: 'committer@example.com', GIT_COMMITTER_DATE: at };
  return execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }).trim();
}
async function write(file: string, content = `${file}\n`): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}
function commit(message: string, at: string): string {
  git(['add', '-A', '.'], at);
  git(['commit', '-q', '-m', message], at);
  return git(['rev-parse', 'HEAD']);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'evident-evidence-commits-'));
  git(['init', '-q', '--initial-branch=main']);
  git(['config', 'commit.gpgsign', 'false']);
  // Forty items at once, and a file outside the evidence folder.
  for (let i = 0; i < 40; i += 1) {
    await write(`evidence/AC-01/2026-Q3/review-${i}.csv`);
    await write(`evidence/AC-01/2026-Q3/review-${i}.csv.evidence.yaml`);
  }
  await write('notes/outside.csv.evidence.yaml');
  sha.first = commit('Add the 2026-Q3 reviews', '2026-10-01T10:00:00Z');
  // Committed on a branch on 2026-10-02, merged into main on 2026-10-06: it reached the default branch then.
  git(['checkout', '-q', '-b', 'late'], '2026-10-02T09:00:00Z');
  await write('evidence/CM-01/2026-Q3/changes.csv.evidence.yaml');
  sha.branch = commit('Add the change population', '2026-10-02T09:00:00Z');
  git(['checkout', '-q', 'main'], '2026-10-06T10:00:00Z');
  git(['merge', '-q', '--no-ff', '-m', 'Merge pull request #4 from acme/late', 'late'], '2026-10-06T10:00:00Z');
  sha.merge = git(['rev-parse', 'HEAD']);
  // Removed, then added again: the first commit that held it stands.
  await rm(path.join(root, 'evidence/AC-01/2026-Q3/review-0.csv.evidence.yaml'));
  commit('Remove a review', '2026-10-07T10:00:00Z');
  await write('evidence/AC-01/2026-Q3/review-0.csv.evidence.yaml', 'again\n');
  commit('Add the review again', '2026-10-08T10:00:00Z');
  // A name git quotes unless told not to, committed in a time zone west of UTC (2026-10-10 in UTC).
  await write('evidence/AC-01/2026-Q3/révision.pdf.evidence.yaml');
  sha.accented = commit('Add a scanned review', '2026-10-09T22:30:00-05:00');
  // Only in the working tree.
  await write('evidence/AC-01/2026-Q3/draft.csv.evidence.yaml');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the first commit that added each evidence metadata file', () => {
  it('reads the whole history with one git process, whatever the number of files', async () => {
    const repository = simpleGit({ baseDir: root });
    const calls: string[][] = [];
    const raw = repository.raw.bind(repository);
    repository.raw = ((args: string[]) => {
      calls.push(args);
      return raw(args);
    }) as typeof repository.raw;
    const commits = await readEvidenceCommits(repository, 'evidence');
    expect(commits?.size).toBe(42);
    expect(calls).toEqual([evidenceLogArguments('evidence')]);
    expect(calls[0]).toEqual(expect.arrayContaining(['log', '--first-parent', '--reverse', '--diff-filter=A', '--name-only', 'HEAD', '--', 'evidence']));
  });

  it('dates each file by the first first-parent commit that held it, a merged file by its merge', async () => {
    const commits = (await readEvidenceCommits(simpleGit({ baseDir: root }), 'evidence'))!;
    expect(commits.get('evidence/AC-01/2026-Q3/review-7.csv.evidence.yaml')).toEqual({ commit: sha.first, committed_at: '2026-10-01T10:00:00+00:00' });
    expect(commits.get('evidence/AC-01/2026-Q3/review-0.csv.evidence.yaml')).toEqual({ commit: sha.first, committed_at: '2026-10-01T10:00:00+00:00' });
    expect(commits.get('evidence/CM-01/2026-Q3/changes.csv.evidence.yaml')).toEqual({ commit: sha.merge, committed_at: '2026-10-06T10:00:00+00:00' });
    expect(commits.get('evidence/AC-01/2026-Q3/révision.pdf.evidence.yaml')).toEqual({ commit: sha.accented, committed_at: '2026-10-09T22:30:00-05:00' });
  });

  it('leaves out evidence files, files outside the folder and files not committed', async () => {
    const commits = (await readEvidenceCommits(simpleGit({ baseDir: root }), 'evidence'))!;
    expect([...commits.keys()].every((file) => file.startsWith('evidence/') && file.endsWith('.evidence.yaml'))).toBe(true);
    expect(commits.has('evidence/AC-01/2026-Q3/draft.csv.evidence.yaml')).toBe(false);
    expect(commits.has('notes/outside.csv.evidence.yaml')).toBe(false);
  });

  it('assesses nothing outside a git repository', async () => {
    const bare = await mkdtemp(path.join(os.tmpdir(), 'evident-no-git-'));
    try {
      expect(await readEvidenceCommits(simpleGit({ baseDir: bare }), 'evidence')).toBeUndefined();
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  it('parses the log keeping the first commit of each metadata file', () => {
    const log = '\x1eaaa\x1f2026-10-01T10:00:00Z\n\nevidence/a.csv\nevidence/a.csv.evidence.yaml\n\x1ebbb\x1f2026-10-03T10:00:00+02:00\n\nevidence/a.csv.evidence.yaml\nevidence/b.csv.evidence.yaml\n';
    expect(parseEvidenceLog(log)).toEqual(
      new Map([
        ['evidence/a.csv.evidence.yaml', { commit: 'aaa', committed_at: '2026-10-01T10:00:00Z' }],
        ['evidence/b.csv.evidence.yaml', { commit: 'bbb', committed_at: '2026-10-03T10:00:00+02:00' }],
      ]),
    );
  });
});
