/**
 * The bundle walks the evidence branch's history before it copies the records: a record deleted
 * mid-chain and the rest renumbered and re-sealed, pushed as a fast-forward, leaves an intact chain on
 * the tip, and only the history shows it. Such a branch refuses the bundle; an intact one records
 * the walk (tip, first record commit, commits) in manifest.json, verification.json and records.html.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from './build-bundle.js';
import { describeFailure, failureError } from './bundle-worker-messages.js';
import { EvidenceHistoryError } from './read/evidence-history-error.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';
import { deleteAndRenumberRecord } from './test-support/renumbered-evidence.js';
import { verifyBundle } from './verify/verify-bundle.js';

const now = () => new Date('2026-05-15T00:00:00Z');
let fixture: FixtureRepository;
let out: string;

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-history-'));
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('the bundle and the evidence branch history', () => {
  it('records the walk of an intact branch: its tip, the first record commit and the commits walked', async () => {
    const tip = (await fixture.git.revparse(['evidence'])).trim();
    const built = await buildBundle({ root: fixture.root, outDir: path.join(out, 'intact'), toolVersion: '0.1.0', now, release: 'v1.0.0' });
    const entries = await readZipEntries(built.path);
    const history = { tip, first_record_commit: tip, commits: 1, result: 'intact' };
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).evidence_chain).toEqual({ records: 2, head: built.view.chain.head, problems: 0, history, ref: 'evidence', absent: false });
    expect(JSON.parse(entries.get('evidence-records/verification.json')!.toString('utf8'))).toMatchObject({ records: 2, intact: true, problems: [], history });
    expect(entries.get('records.html')!.toString('utf8')).toContain(`Evidence branch: history walked from the first record commit ${tip} to ${tip} (1 commit), every commit only added records.`);
    expect(entries.get('index.html')!.toString('utf8')).toContain(`history walked from the first record commit to ${tip.slice(0, 12)}`);
    const verified = await verifyBundle(built.path);
    expect(verified).toMatchObject({ ok: true, history });
  });

  it('refuses a branch where a record was deleted and the rest renumbered and re-sealed as a fast-forward, writing nothing', async () => {
    const before = (await fixture.git.revparse(['evidence'])).trim();
    const kept = await deleteAndRenumberRecord(fixture, 0);
    const tip = (await fixture.git.revparse(['evidence'])).trim();
    // A fast-forward: the genuine commit is still an ancestor, and the records on the tip form an intact chain.
    expect((await fixture.git.raw(['merge-base', '--is-ancestor', before, tip]).then(() => true, () => false))).toBe(true);
    expect(kept.map((r) => [r.sequence, r.id])).toEqual([[1, 'policy-acknowledgment/fixture/program/2']]);

    const folder = path.join(out, 'renumbered');
    const error = await buildBundle({ root: fixture.root, outDir: folder, toolVersion: '0.1.0', now, release: 'v1.0.0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvidenceHistoryError);
    const refused = error as EvidenceHistoryError;
    expect(refused.tip).toBe(tip);
    expect(refused.problems.map((p) => p.problem).sort()).toEqual(['deleted', 'renumbered']);
    expect(refused.message).toContain(`Unexpected 2 problems in the history of evidence branch \`evidence\` (tip ${tip}), expected every commit to only add records on top of the chain:`);
    expect(refused.message).toContain(`deleted Commit ${tip.slice(0, 12)} deleted record \`policy-approval/fixture/program/1\``);
    expect(refused.message).toContain('renumbered Commit');
    expect(await readdir(folder).catch(() => [])).toEqual([]);

    // The refusal crosses from the bundle worker thread with its problems.
    const again = failureError(describeFailure(refused));
    expect(again).toBeInstanceOf(EvidenceHistoryError);
    expect(again.message).toBe(refused.message);
  });
});
