/**
 * Every command whose result an auditor reads walks the evidence branch's history: a record deleted
 * mid-chain and the rest renumbered and re-sealed, pushed as a fast-forward (the ruleset allows it),
 * leaves an intact chain on the tip. `evident bundle` refuses it and writes nothing; `status` and
 * `ack status` with the evidence branch fail naming the problems. An intact branch still bundles,
 * and `evident verify` reports the history the build recorded and how to re-check it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { deleteAndRenumberRecord } from '../../../bundle/src/test-support/renumbered-evidence.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

let fixture: FixtureRepository;
let remote: string;

/** Push main and the evidence branch to a bare remote `origin`, as the collector leaves them. */
async function pushToOrigin(): Promise<void> {
  await fixture.git.raw(['push', '--quiet', 'origin', 'main', 'evidence']);
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  remote = await mkdtemp(path.join(os.tmpdir(), 'evident-history-remote-'));
  await simpleGit(remote).raw(['init', '--bare', '--quiet', '--initial-branch=main']);
  await fixture.git.addRemote('origin', remote);
  await pushToOrigin();
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(remote, { recursive: true, force: true });
});

describe('an intact evidence branch', () => {
  it('bundles, and the bundle and `evident verify` state the history walked to the tip', async () => {
    const tip = (await fixture.git.revparse(['evidence'])).trim();
    const run = await capture(['bundle', '--release', 'v1.0.0', '--out', 'intact'], { cwd: fixture.root });
    expectNoStackTrace(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Records     2, chain intact\n');
    expect(run.stdout).toContain(`History     history walked from the first record commit ${tip} to ${tip} (1 commit), every commit only added records\n`);
    const json = JSON.parse((await capture(['bundle', '--release', 'v1.0.0', '--out', 'intact-json', '--format', 'json'], { cwd: fixture.root })).stdout);
    expect(json.history).toEqual({ tip, first_record_commit: tip, commits: 1, result: 'intact' });

    const verified = await capture(['verify', 'intact/evident-bundle-v1.0.0.zip'], { cwd: fixture.root });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`History: recorded by the build as walked from the first record commit ${tip} to ${tip} (1 commit), intact; this command checks the records' own chain and reports that recorded verdict, it does not walk git. To re-check it against the repository, in a clone: \`git fetch origin <evidence branch>\`, then \`evident evidence verify --ref ${tip} --anchor ${json.chain.head}\`.\n`);
    const verifiedJson = JSON.parse((await capture(['verify', 'intact/evident-bundle-v1.0.0.zip', '--format', 'json'], { cwd: fixture.root })).stdout);
    expect(verifiedJson.history.recorded).toEqual({ tip, first_record_commit: tip, commits: 1, result: 'intact' });

    // The command the output names re-walks the branch in the repository, and agrees.
    const recheck = await capture(['evidence', 'verify', '--no-github', '--ref', tip, '--anchor', json.chain.head], { cwd: fixture.root });
    expect(recheck.code).toBe(0);
  });

  it('reads into status and ack status without a history finding', async () => {
    const status = await capture(['status', '--now', '2026-03-05', '--evidence-branch', '--format', 'json'], { cwd: fixture.root });
    expectNoStackTrace(status);
    expect(status.stderr).not.toContain('history');
    expect([0, 1]).toContain(status.code);
  });
});

describe('a record deleted and the rest renumbered and re-sealed, pushed as a fast-forward', () => {
  let tip: string;
  beforeAll(async () => {
    await deleteAndRenumberRecord(fixture, 0);
    await pushToOrigin();
    tip = (await fixture.git.revparse(['evidence'])).trim();
  });

  it('refuses `evident bundle`, naming each problem, and writes nothing', async () => {
    const run = await capture(['bundle', '--release', 'v1.0.1', '--out', 'renumbered'], { cwd: fixture.root });
    expectNoStackTrace(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error Unexpected 2 problems in the history of evidence branch \`evidence\` (tip ${tip}), expected every commit to only add records on top of the chain:\n`);
    expect(run.stderr).toContain(`  deleted Commit ${tip.slice(0, 12)} deleted record \`policy-approval/fixture/program/1\``);
    expect(run.stderr).toMatch(/ {2}renumbered Commit [0-9a-f]{12} renumbered record `policy-acknowledgment\/fixture\/program\/2` .* from sequence 2 to 1/);
    expect(run.stderr).toContain('\nNo bundle was written; `evident evidence verify` names the same problems\n');
    expect(run.stdout).toBe('');
    expect(await readdir(path.join(fixture.root, 'renumbered')).catch(() => [])).toEqual([]);
  });

  it('fails `status --evidence-branch` and `ack status`, naming each problem', async () => {
    for (const argv of [['status', '--now', '2026-03-05', '--evidence-branch'], ['ack', 'status', '--now', '2026-03-05']]) {
      const run = await capture(argv, { cwd: fixture.root });
      expectNoStackTrace(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`error Unexpected history of evidence branch \`origin/evidence\` at ${tip.slice(0, 12)} with 2 problems, expected every commit to only add records on top of the chain (\`evident evidence verify\` names the same problems)\n`);
      expect(run.stderr).toContain(`  deleted records/000001-policy-approval-fixture-program-1.json Commit ${tip.slice(0, 12)} deleted record \`policy-approval/fixture/program/1\``);
      expect(run.stderr).toContain('  renumbered records/000002-policy-acknowledgment-fixture-program-2.json Commit');
      expect(run.stdout).toBe('');
    }
  });
});
