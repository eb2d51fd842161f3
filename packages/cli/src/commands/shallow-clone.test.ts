import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commitBackdatedAccessControl, createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

// Between the two deadlines of access-control 1.1: 30 days after the effective date it states
// (2026-01-31) and 30 days after the commit that brought it to the default branch (2026-05-01).
const today = '2026-04-15';
const now = new Date(`${today}T12:00:00Z`);
const NOTE =
  "note This clone is shallow, so the policies' git history is not read and readiness goes by their frontmatter alone (acknowledgments due from the `effective_date` they state; no `backdated-policy-version` or `reused-policy-version`), nor the evidence's (no `collected-after-commit`): run `git fetch --unshallow` to read it\n";

let fixture: FixtureRepository;
let scratch: string;
let records: string;
let shallow: string;
let noGit: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  await commitBackdatedAccessControl(fixture);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'evident-shallow-'));
  records = path.join(scratch, 'evidence-records');
  await fixture.git.raw(['worktree', 'add', '--quiet', records, 'evidence']);
  // A CI checkout's default: one commit, which seems to add every policy.
  shallow = path.join(scratch, 'shallow');
  execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${fixture.root}`, shallow]);
  expect(execFileSync('git', ['-C', shallow, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).trim()).toBe('true');
  // The same program with no history at all.
  noGit = path.join(scratch, 'no-git');
  await cp(fixture.root, noGit, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
});

afterAll(async () => {
  await fixture.git.raw(['worktree', 'remove', '--force', records]).catch(() => undefined);
  await rm(fixture.root, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

const status = (cwd: string, args: string[] = []) => capture(['status', '--records', records, '--now', today, ...args], { cwd, now });

describe('evident status in a shallow clone', () => {
  it('says once on stderr that the history is not read, and gives the figure of the frontmatter, as outside git', async () => {
    const run = await status(shallow);
    expectNoStackTrace(run);
    expect(run.stderr).toBe(NOTE);
    const outside = await status(noGit);
    expect(outside.stderr).toBe('');
    expect(run.stdout).toBe(outside.stdout);
    expect(run.code).toBe(outside.code);
    expect(run.stdout).not.toContain('backdated-policy-version');

    // The full history gives another figure: 1.1 is backdated and its acknowledgments not yet due.
    const full = await status(fixture.root);
    expect(full.stderr).toBe('');
    expect(full.stdout).toContain('backdated-policy-version:access-control:1.1');
    expect(full.stdout).not.toBe(run.stdout);
  });

  it('puts the note on stderr with --format json and markdown, the document on stdout unchanged', async () => {
    for (const format of ['json', 'markdown']) {
      const run = await status(shallow, ['--format', format]);
      const outside = await status(noGit, ['--format', format]);
      expect(run.stderr).toBe(NOTE);
      expect(run.stdout).toBe(outside.stdout);
      expect(run.code).toBe(outside.code);
    }
    const json = JSON.parse((await status(shallow, ['--format', 'json'])).stdout);
    const ids: string[] = json.exceptions.map((e: { id: string }) => e.id);
    expect(ids.filter((id) => id.startsWith('backdated-policy-version:') || id.startsWith('reused-policy-version:'))).toEqual([]);
    // From the stated effective date, the acknowledgments of 1.1 are overdue.
    expect(ids).toEqual(expect.arrayContaining(['missing-acknowledgment:access-control:alice-admin', 'missing-acknowledgment:access-control:bob-builder']));
  });
});

describe('evident bundle in a shallow clone', () => {
  it('refuses with exit 2, naming the fix, and writes nothing', async () => {
    for (const format of ['text', 'json']) {
      const run = await capture(['bundle', '--format', format], { cwd: shallow, now });
      expectNoStackTrace(run);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toBe(
        "error Unexpected shallow clone, expected the default branch's whole history (cut short, its oldest commit seems to add every policy): run `git fetch --unshallow` (in a GitHub workflow, check out with `fetch-depth: 0`); no bundle was written",
      );
      expect(await readdir(shallow)).not.toContain('out');
      expect(execFileSync('git', ['-C', shallow, 'status', '--porcelain', '--ignored'], { encoding: 'utf8' })).toBe('');
    }
  });

  it('builds once the clone is unshallowed', async () => {
    const deepened = path.join(scratch, 'deepened');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--no-single-branch', `file://${fixture.root}`, deepened]);
    execFileSync('git', ['-C', deepened, 'fetch', '--quiet', '--unshallow']);
    const run = await capture(['bundle'], { cwd: deepened, now });
    expectNoStackTrace(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Bundle {6}out\/evident-bundle-[0-9a-f]+\.zip\n/);
    // The same commit gives the same bundle as the clone it came from, history included.
    const original = await capture(['bundle', '--out', path.join(scratch, 'original-out')], { cwd: fixture.root, now });
    expect(original.code).toBe(0);
    expect(/SHA-256 +([0-9a-f]{64})/.exec(run.stdout)?.[1]).toBe(/SHA-256 +([0-9a-f]{64})/.exec(original.stdout)?.[1]);
  });
});
