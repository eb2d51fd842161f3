import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { computeReadiness, generateSigningKey, readCheckedModel, readinessLabel } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commitBackdatedAccessControl, createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { requireSignedRecords, signEvidenceRecords } from '../../../bundle/src/test-support/signed-fixture.js';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import { FakeIssuesAndRules } from '../../../github/test/fake-github/fake-issues-and-rules.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

const TOKEN = 'ghp_cliToken_1f2e3d4c5b6a';
// Between the two deadlines of access-control 1.1: 30 days after the effective date it states
// (2026-01-31) and 30 days after the commit that brought it to the default branch (2026-05-01).
const today = '2026-04-15';
const now = new Date(`${today}T12:00:00Z`);

let fixture: FixtureRepository;
let scratch: string;
let records: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  await commitBackdatedAccessControl(fixture);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'evident-reminders-sync-'));
  // A checkout of the evidence branch beside the program.
  records = path.join(scratch, 'evidence-records');
  await fixture.git.raw(['worktree', 'add', '--quiet', records, 'evidence']);
});

afterAll(async () => {
  await fixture.git.raw(['worktree', 'remove', '--force', records]).catch(() => undefined);
  await rm(fixture.root, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('evident reminders sync: readiness as evident status computes it', () => {
  let fake: FakeGitHub;
  let env: Record<string, string>;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    FakeIssuesAndRules.install(fake, { assignable: ['alice-gh', 'bob-gh'] });
    env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: fake.repository };
  });
  afterEach(async () => {
    await fake.stop();
  });

  /** `evident status --format json` and `evident reminders sync --dry-run --format json` in `root`, on `today`. */
  async function both(root: string, source: string[]) {
    const status = await capture(['status', ...source, '--now', today, '--format', 'json'], { cwd: root, now });
    const sync = await capture(['reminders', 'sync', ...source, '--now', today, '--dry-run', '--format', 'json'], { cwd: root, env, now });
    expectNoStackTrace(sync);
    expect(sync.code).toBe(0);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    return { status, statusJson: JSON.parse(status.stdout), sync, syncJson: JSON.parse(sync.stdout) };
  }

  /** The readiness of the same model and records with the policies' frontmatter alone, as `reminders sync` computed it before. */
  async function frontmatterOnly(root: string) {
    const model = await readCheckedModel(root, today);
    const { readRecordsFromDirectory } = await import('@evident/github');
    return computeReadiness(model, { today, records: (await readRecordsFromDirectory(records)).stored.map((s) => s.record) });
  }

  it('gives the figure of `evident status` on a policy version committed after the effective date it states', async () => {
    const { statusJson, sync, syncJson } = await both(fixture.root, ['--records', records]);
    const ids = statusJson.exceptions.map((e: { id: string }) => e.id);
    // From the history: 1.1 reached the default branch on 2026-04-01, after the date it states,
    // and its acknowledgments are due on 2026-05-01, not yet.
    expect(ids).toContain('backdated-policy-version:access-control:1.1');
    expect(ids.filter((id: string) => id.startsWith('missing-acknowledgment:access-control:'))).toEqual([]);

    expect(syncJson.readiness).toEqual(statusJson.readiness);
    expect(syncJson).toEqual({ version: 1, dry_run: true, readiness: statusJson.readiness, plan: expect.any(Object), created: [], updated: [], closed: [] });
    expect(sync.stderr).toContain(`Readiness on ${today}: ${readinessLabel(statusJson.readiness)}\n`);

    // Going by the frontmatter alone, as the command did, the acknowledgments would be overdue and the figure another.
    const before = await frontmatterOnly(fixture.root);
    expect(before.exceptions.map((e) => e.id)).toEqual(expect.arrayContaining(['missing-acknowledgment:access-control:alice-admin', 'missing-acknowledgment:access-control:bob-builder']));
    expect(before.readiness).not.toEqual(statusJson.readiness);
  });

  it('prints the same figure in text, with the plan unchanged on stdout', async () => {
    const status = JSON.parse((await capture(['status', '--records', records, '--now', today, '--format', 'json'], { cwd: fixture.root, now })).stdout);
    const text = await capture(['reminders', 'sync', '--records', records, '--now', today, '--dry-run'], { cwd: fixture.root, env, now });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\d+ issues? would be opened, 0 issues would be updated, 0 issues would be closed\n/);
    expect(text.stderr).toContain(`Readiness on ${today}: ${readinessLabel(status.readiness)}\n`);
  });

  it('goes by the frontmatter alone outside a git repository, as `evident status` does', async () => {
    const copy = path.join(scratch, 'no-git');
    await cp(fixture.root, copy, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
    const { status, statusJson, syncJson } = await both(copy, ['--records', records]);
    // Status says nothing about the missing history: the figure is the frontmatter's.
    expect(status.stderr).toBe('');
    expect(syncJson.readiness).toEqual(statusJson.readiness);
    expect(statusJson.exceptions.map((e: { id: string }) => e.id).filter((id: string) => id.startsWith('backdated-policy-version:'))).toEqual([]);
    expect(syncJson.readiness).toEqual((await frontmatterOnly(copy)).readiness);
  });

  // A shallow clone's history stops short: its one commit would seem to add every policy (1.1 included, dated
  // the day of that commit). Neither command reads it: each says so once on stderr and both go by the frontmatter.
  it('goes by the frontmatter alone in a shallow clone, with a note, as `evident status` does', async () => {
    const shallow = path.join(scratch, 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${fixture.root}`, shallow]);
    const { status, statusJson, sync, syncJson } = await both(shallow, ['--records', records]);
    const note =
      "note This clone is shallow, so the policies' git history is not read and readiness goes by their frontmatter alone (acknowledgments due from the `effective_date` they state; no `backdated-policy-version` or `reused-policy-version`), nor the evidence's (no `collected-after-commit`): run `git fetch --unshallow` to read it\n";
    expect(status.stderr).toBe(note);
    expect(sync.stderr.split(note).length - 1).toBe(1);
    expect(syncJson.readiness).toEqual(statusJson.readiness);
    expect(status.code).toBe(1);
    expect(statusJson.exceptions.map((e: { id: string }) => e.id).filter((id: string) => id.startsWith('backdated-policy-version:'))).toEqual([]);
    // The figure of the frontmatter: the same as outside git, not the full history's.
    const frontmatter = await frontmatterOnly(shallow);
    expect(syncJson.readiness).toEqual(frontmatter.readiness);
    expect(statusJson.exceptions.map((e: { id: string }) => e.id)).toEqual(frontmatter.exceptions.map((e) => e.id));
    const full = await both(fixture.root, ['--records', records]);
    expect(syncJson.readiness).not.toEqual(full.statusJson.readiness);
  });

  it('leaves out a record whose signature check is a finding, naming it, as `evident status` does', async () => {
    // Signing required, the approval signed and the acknowledgment not.
    const signed = await createFixtureRepository();
    const signedRecords = path.join(scratch, 'signed-records');
    try {
      const key = generateSigningKey();
      await signEvidenceRecords(signed, key, (index) => index === 0);
      await requireSignedRecords(signed, key);
      await signed.git.raw(['worktree', 'add', '--quiet', signedRecords, 'evidence']);
      const { status, statusJson, sync, syncJson } = await both(signed.root, ['--records', signedRecords]);
      const notCounted = /Record records\/\S+ is not counted: [^\n]*\n/.exec(status.stderr)?.[0];
      expect(notCounted).toBeDefined();
      expect(sync.stderr).toContain(notCounted);
      expect(syncJson.readiness).toEqual(statusJson.readiness);
      // Counting the unsigned acknowledgment would give another figure.
      const model = await readCheckedModel(signed.root, today);
      const { readRecordsFromDirectory } = await import('@evident/github');
      const { readPolicyContents } = await import('@evident/bundle/policy-contents');
      const { contents: policyContents } = await readPolicyContents(signed.root, model, model.config.audit.period!);
      const everyRecord = computeReadiness(model, { today, records: (await readRecordsFromDirectory(signedRecords)).stored.map((s) => s.record), ...(policyContents ? { policyContents } : {}) });
      expect(everyRecord.readiness).not.toEqual(statusJson.readiness);
    } finally {
      await signed.git.raw(['worktree', 'remove', '--force', signedRecords]).catch(() => undefined);
      await rm(signed.root, { recursive: true, force: true });
    }
  });

  it('computes readiness with no records when the evidence branch does not exist yet, as `evident status --evidence-branch` does', async () => {
    const remote = path.join(scratch, 'remote.git');
    execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', remote]);
    execFileSync('git', ['-C', fixture.root, 'push', '--quiet', remote, 'main']);
    const clone = path.join(scratch, 'clone');
    execFileSync('git', ['clone', '--quiet', `file://${remote}`, clone]);
    const { status, statusJson, sync, syncJson } = await both(clone, ['--evidence-branch']);
    const note = 'note No evidence branch `evidence` on remote `origin` or in this clone yet, so no evidence records are read';
    expect(status.stderr).toContain(note);
    expect(sync.stderr.split(note).length - 1).toBe(1);
    expect(statusJson.assessed).toEqual({ records: true });
    expect(statusJson.exceptions.map((e: { id: string }) => e.id)).toContain('missing-approval:access-control');
    expect(syncJson.readiness).toEqual(statusJson.readiness);
  });
});
