import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { computeReadiness, formatReadinessJson } from '@evident/core';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commitBackdatedAccessControl, createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { capture } from '../../../cli/src/test-support/capture-run.js';
import { readRemindersReadiness } from './read-reminders-readiness.js';

// Between the two deadlines of access-control 1.1: 30 days after the effective date it states
// (2026-01-31) and 30 days after the commit that brought it to the default branch (2026-05-01).
const today = '2026-04-15';
const now = new Date(`${today}T12:00:00Z`);
const workflowFile = '.github/workflows/reminders.yml';

let fixture: FixtureRepository;
let scratch: string;
let records: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  await commitBackdatedAccessControl(fixture);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'evident-reminders-'));
  // The evidence branch checked out beside the program, as the workflow's second checkout does.
  records = path.join(scratch, 'evidence-records');
  await fixture.git.raw(['worktree', 'add', '--quiet', records, 'evidence']);
});

afterAll(async () => {
  await fixture.git.raw(['worktree', 'remove', '--force', records]).catch(() => undefined);
  await rm(fixture.root, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

/** The readiness path of the reminders action, with what it logs. */
async function remindersReadiness(root: string, recordsDir?: string) {
  const info: string[] = [];
  const warnings: string[] = [];
  const result = await readRemindersReadiness({ root, ...(recordsDir ? { recordsDir } : {}), today, workflowFile, info: (l) => info.push(l), warning: (l) => warnings.push(l) });
  return { ...result, info, warnings };
}

describe('readRemindersReadiness', () => {
  it('gives the readiness `evident status --format json` gives for the same repository, records and date, policy history included', async () => {
    const { report, info, warnings } = await remindersReadiness(fixture.root, records);
    const status = await capture(['status', '--records', records, '--now', today, '--format', 'json'], { cwd: fixture.root, now });
    expect(status.stderr).toBe('');

    expect(formatReadinessJson(report)).toBe(status.stdout);
    expect(info).toEqual([`Read 2 evidence records from ${records}`]);
    expect(warnings).toEqual([]);
    const ids = report.exceptions.map((e) => e.id);
    // From the history: 1.1 reached the default branch on 2026-04-01, after the date it states.
    expect(ids).toContain('backdated-policy-version:access-control:1.1');
    // Its acknowledgments are due on 2026-05-01, not yet: the stated date would have made them overdue.
    expect(ids.filter((id) => id.startsWith('missing-acknowledgment:access-control:'))).toEqual([]);
  });

  it('differs from the frontmatter-only readiness the action computed before, on the same records', async () => {
    const { model, report } = await remindersReadiness(fixture.root, records);
    const status = JSON.parse((await capture(['status', '--records', records, '--now', today, '--format', 'json'], { cwd: fixture.root, now })).stdout);
    const { readRecordsFromDirectory } = await import('@evident/github');
    const frontmatterOnly = computeReadiness(model, { today, records: (await readRecordsFromDirectory(records)).stored.map((s) => s.record) });

    expect(frontmatterOnly.exceptions.map((e) => e.id)).toEqual(expect.arrayContaining(['missing-acknowledgment:access-control:alice-admin', 'missing-acknowledgment:access-control:bob-builder']));
    expect(frontmatterOnly.readiness).not.toEqual(status.readiness);
    expect(report.readiness).toEqual(status.readiness);
  });

  it('runs before the first collection: no records, a note saying so, and the readiness of `evident status` without records', async () => {
    const status = await capture(['status', '--now', today, '--format', 'json'], { cwd: fixture.root, now });
    // No records input (the evidence checkout failed: no branch yet), or a folder the failed checkout left without records/.
    for (const recordsDir of [undefined, path.join(scratch, 'failed-checkout')]) {
      const { report, info, warnings } = await remindersReadiness(fixture.root, recordsDir);
      expect(formatReadinessJson(report)).toBe(status.stdout);
      expect(report.assessed).toEqual({ records: false });
      expect(info).toEqual([expect.stringMatching(/^No evidence records yet \(the first collection creates the evidence branch\)/)]);
      expect(warnings).toEqual([]);
      expect(report.exceptions.map((e) => e.id)).toContain('backdated-policy-version:access-control:1.1');
    }
  });

  it('warns on a shallow checkout, whose history would date every policy from its one commit, and goes by the frontmatter', async () => {
    const shallow = path.join(scratch, 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${fixture.root}`, shallow]);
    const { model, report, warnings } = await remindersReadiness(shallow, records);

    expect(warnings).toEqual([`The checkout of ${shallow} is shallow, so the policies' git history is not read and readiness goes by their frontmatter alone (it can differ from \`evident status\` and the bundle): check out with \`fetch-depth: 0\` (${workflowFile}).`]);
    expect(report.exceptions.map((e) => e.id).filter((id) => id.startsWith('backdated-policy-version:'))).toEqual([]);
    const { readRecordsFromDirectory } = await import('@evident/github');
    expect(report).toEqual(computeReadiness(model, { today, records: (await readRecordsFromDirectory(records)).stored.map((s) => s.record) }));
  });

  it('stops when the records checkout is not of the branch evident.yaml names', async () => {
    const other = path.join(scratch, 'other-branch');
    await fixture.git.raw(['worktree', 'add', '--quiet', '-b', 'not-evidence', other, 'evidence']);
    try {
      await expect(remindersReadiness(fixture.root, other)).rejects.toThrow(/not-evidence/);
    } finally {
      await fixture.git.raw(['worktree', 'remove', '--force', other]);
    }
  });
});
