import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { cp } from 'node:fs/promises';
import { FakeGitHub } from '../../../github/test/fake-github/fake-github.js';
import { FakeChecksAndRulesets } from '../../../github/test/fake-github/fake-checks-and-rulesets.js';
import { FakeIssuesAndRules, protectiveRules } from '../../../github/test/fake-github/fake-issues-and-rules.js';
import { commitAll, createGitSandbox, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { capture, copyOfFixture, removeTemporary } from '../test-support/capture-run.js';

const TOKEN = 'ghp_cliToken_1f2e3d4c5b6a';
const sha = (n: number, tag = 'a') => `${tag}${String(n).padStart(39, '0')}`;

describe('GitHub commands against the fake GitHub', () => {
  let fake: FakeGitHub;
  let state: FakeIssuesAndRules;
  let env: Record<string, string>;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    state = FakeIssuesAndRules.install(fake, { assignable: ['ada-example', 'grace-example'] });
    env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.baseUrl, GITHUB_REPOSITORY: fake.repository };
  });
  afterEach(async () => {
    await fake.stop();
    await removeTemporary();
  });

  describe('evident reminders sync', () => {
    it('opens the reminder for the missing occurrence, then changes nothing on the next run', async () => {
      const cwd = await copyOfFixture('type2-readiness', 'not-ok');
      const first = await capture(['reminders', 'sync', '--now', '2027-01-20'], { cwd, env });
      expect(first.code).toBe(0);
      expect(first.stdout).toBe('1 issue opened, 0 issues updated, 0 issues closed\n  open   LOG-01 2026-09: LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)\n');
      expect([...state.issues.values()].map((i) => [i.title, i.assignees, i.labels, i.state])).toEqual([['LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)', ['ada-example', 'grace-example'], ['evident-reminder'], 'open']]);
      const writes = fake.requests.filter((r) => r.method !== 'GET').length;

      const second = await capture(['reminders', 'sync', '--now', '2027-01-20', '--format', 'json'], { cwd, env });
      expect(second.code).toBe(0);
      // The readiness of the sync is `evident status`'s for the same repository and date.
      const status = JSON.parse((await capture(['status', '--now', '2027-01-20', '--format', 'json'], { cwd })).stdout);
      expect(JSON.parse(second.stdout)).toEqual({ version: 1, dry_run: false, readiness: status.readiness, plan: { create: [], update: [], close: [] }, created: [], updated: [], closed: [] });
      expect(fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(writes);
      expect(second.stderr).toContain('Reading issues labelled `evident-reminder` in acme/program');
      expect(second.stderr).not.toContain(TOKEN);
    });

    it('closes the reminder once the evidence is there', async () => {
      await capture(['reminders', 'sync', '--now', '2027-01-20'], { cwd: await copyOfFixture('type2-readiness', 'not-ok'), env });
      const run = await capture(['reminders', 'sync', '--now', '2027-01-20'], { cwd: await copyOfFixture('type2-readiness', 'ok'), env });
      expect(run.stdout).toBe('0 issues opened, 0 issues updated, 1 issue closed\n  close  #101 LOG-01 2026-09 (completed)\n');
      expect([...state.issues.values()][0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    });

    it('says that a dry run changed nothing when GitHub fails, and that a real run may have', async () => {
      const cwd = await copyOfFixture('type2-readiness', 'not-ok');
      fake.injectFault({ path: /\/issues$/, times: 2, response: { status: 404, message: 'Not Found' } });
      const dry = await capture(['reminders', 'sync', '--now', '2027-01-20', '--dry-run'], { cwd, env });
      expect(dry.code).toBe(2);
      expect(dry.stdout).toBe('');
      expect(dry.stderr).toMatch(/\nNo reminder issue was changed \(--dry-run\)\.\n$/);
      expect(dry.stderr).not.toContain('partly updated');
      const real = await capture(['reminders', 'sync', '--now', '2027-01-20'], { cwd, env });
      expect(real.code).toBe(2);
      expect(real.stderr).toMatch(/\nReminder issues may be partly updated; the next run completes them\.\n$/);
      expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    });

    it('prints the plan of a dry run and changes no issue', async () => {
      const cwd = await copyOfFixture('type2-readiness', 'not-ok');
      const dry = await capture(['reminders', 'sync', '--now', '2027-01-20', '--dry-run'], { cwd, env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toBe('1 issue would be opened, 0 issues would be updated, 0 issues would be closed\n  open   LOG-01 2026-09: LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)\n');
      expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    });

    it('needs a token and a repository', async () => {
      const cwd = await copyOfFixture('type2-readiness', 'not-ok');
      expect(await capture(['reminders', 'sync', '--now', '2027-01-20'], { cwd, env: { GITHUB_REPOSITORY: 'acme/program' } })).toMatchObject({ code: 2, stderr: expect.stringContaining('GITHUB_TOKEN is not set') });
      expect(await capture(['reminders', 'sync', '--now', '2027-01-20'], { cwd, env: { GITHUB_TOKEN: TOKEN } })).toMatchObject({ code: 2, stderr: expect.stringContaining('No repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY') });
      expect(await capture(['reminders', 'sync', '--lead-days', 'soon'], { cwd, env })).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected --lead-days `soon`') });
    });
  });

  describe('evident populations collect', () => {
    let sandbox: GitSandbox;
    afterEach(async () => sandbox.cleanup());

    it('records the population on the evidence branch, which status then reads', async () => {
      sandbox = await createGitSandbox();
      const clone = await sandbox.clone('program');
      await cp(await copyOfFixture('type2-readiness', 'ok'), clone.dir, { recursive: true });
      await commitAll(clone, 'Program');
      await clone.git.push('origin', 'main');
      state.rules.set('main', protectiveRules());
      FakeChecksAndRulesets.install(fake);
      fake.addPull({ number: 5, title: 'Hotfix', author: 'grace-example', head: { ref: 'hotfix', sha: sha(5) }, base: { ref: 'main', sha: sha(1, 'b') }, merged: { by: 'grace-example', at: '2026-08-14T16:00:00Z', sha: sha(5, 'c') } });
      fake.addPull({ number: 6, title: 'Feature', author: 'grace-example', head: { ref: 'feature', sha: sha(6) }, base: { ref: 'main', sha: sha(1, 'b') }, merged: { by: 'ada-example', at: '2026-09-01T10:00:00Z', sha: sha(6, 'c') } });
      fake.addReview(6, { login: 'ada-example', state: 'APPROVED', commit_id: sha(6) });

      const run = await capture(['populations', 'collect', '--period', '2026-07..2026-12'], { cwd: clone.dir, env: { ...env, GIT_COMMITTER_NAME: 'Evidence Bot', GIT_COMMITTER_EMAIL: 'bot@example.com' } });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^acme\/program: 2 pull requests merged 2026-07-01 to 2026-12-31, 1 without an approval at the final head \(records\/000001-change-population-acme-program-2026-07-01\.\.2026-12-31-[0-9a-f]{12}\.json\)\nacme\/program: branch rules recorded \(records\/000002-branch-rules-acme-program-main-2026-10-02\.json\)\n$/);
      expect(run.stderr).toContain('Reading pull request #5 of acme/program (1 of 2)');

      const again = await capture(['populations', 'collect', '--period', '2026-07..2026-12'], { cwd: clone.dir, env });
      expect(again.stdout).toBe('acme/program: 2 pull requests merged 2026-07-01 to 2026-12-31, 1 without an approval at the final head (already recorded)\nacme/program: branch rules recorded (already recorded)\n');

      const status = await capture(['status', '--now', '2027-01-20', '--evidence-branch', '--format', 'json'], { cwd: clone.dir, env });
      expect(status.code).toBe(1);
      const report = JSON.parse(status.stdout);
      expect(report.exceptions.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['unapproved-change:acme/program#5']));
      expect(report.exceptions.map((e: { id: string }) => e.id)).not.toContain('unapproved-change:acme/program#6');
    });

    it('refuses a bad period', async () => {
      const run = await capture(['populations', 'collect', '--period', '2026-13'], { cwd: await copyOfFixture('type2-readiness', 'ok'), env });
      expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected --period `2026-13`') });
    });
  });
});
