import { afterEach, describe, expect, it } from '@jest/globals';
import { formatReadinessJson, generateSigningKey } from '@evident/core';
import { readRecordsFromDirectory } from '@evident/github';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { requireSignedRecords, signEvidenceRecords } from '../../../bundle/src/test-support/signed-fixture.js';
import { capture } from '../../../cli/src/test-support/capture-run.js';
import { countedRecords } from './counted-records.js';
import { readRemindersReadiness } from './read-reminders-readiness.js';

let fixture: FixtureRepository | undefined;
let scratch: string | undefined;
afterEach(async () => {
  if (fixture && scratch) await fixture.git.raw(['worktree', 'remove', '--force', path.join(scratch, 'records')]).catch(() => undefined);
  if (fixture) await rm(fixture.root, { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
  fixture = scratch = undefined;
});

/** The fixture with signing required from 2026-01-01, its first record (the approval) signed and the second (an acknowledgment) not, and its evidence branch checked out. */
async function signedFixture() {
  fixture = await createFixtureRepository();
  const key = generateSigningKey();
  await signEvidenceRecords(fixture, key, (index) => index === 0);
  await requireSignedRecords(fixture, key);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'evident-reminders-signed-'));
  const records = path.join(scratch, 'records');
  await fixture.git.raw(['worktree', 'add', '--quiet', records, 'evidence']);
  return { fixture, records };
}

describe('countedRecords', () => {
  it('counts every record when evident.yaml asks for no signatures', async () => {
    fixture = await createFixtureRepository();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'evident-reminders-signed-'));
    await fixture.git.raw(['worktree', 'add', '--quiet', path.join(scratch, 'records'), 'evidence']);
    const onDisk = await readRecordsFromDirectory(path.join(scratch, 'records'));
    const warnings: string[] = [];
    expect(await countedRecords(onDisk, undefined, (l) => warnings.push(l))).toEqual(onDisk.stored.map((s) => s.record));
    expect(warnings).toEqual([]);
  });

  it('leaves out an unsigned record where signing is required, naming it, as `evident status` does', async () => {
    const { fixture, records } = await signedFixture();
    const info: string[] = [];
    const warnings: string[] = [];
    const { model, report } = await readRemindersReadiness({ root: fixture.root, recordsDir: records, today: '2026-04-15', workflowFile: '.github/workflows/reminders.yml', info: (l) => info.push(l), warning: (l) => warnings.push(l) });

    const onDisk = await readRecordsFromDirectory(records);
    const [approval, acknowledgment] = onDisk.stored;
    expect(await countedRecords(onDisk, model.config.evidence.signing, () => undefined)).toEqual([approval!.record]);
    expect(info).toEqual([`Read 2 evidence records from ${records}, 1 of them counted`]);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^Record ${acknowledgment!.file.replace(/[.]/g, '\\.')} is not counted: `))]);

    const status = await capture(['status', '--records', records, '--now', '2026-04-15', '--format', 'json'], { cwd: fixture.root, now: new Date('2026-04-15T12:00:00Z') });
    expect(status.stderr).toContain(warnings[0]);
    expect(formatReadinessJson(report)).toBe(status.stdout);
  });
});
