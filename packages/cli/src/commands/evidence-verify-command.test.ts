import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appendEvidence } from '@evident/github';
import { simpleGit } from 'simple-git';
import { COLLECTOR, remoteTip, reseal, seedEvidence, tamperer, tampererIn, testRecord, testRecordFile, type Tamperer } from '../../../github/test/evidence-branch.js';
import { sandboxTemplate, seedProgram, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { capture } from '../test-support/capture-run.js';

/** `evident evidence verify --format json` in a clone: exit code and report. */
async function verifyJson(clone: Clone, ...args: string[]) {
  const run = await capture(['evidence', 'verify', '--format', 'json', ...args], { cwd: clone.dir, env: {} });
  return { code: run.code, report: run.stdout ? JSON.parse(run.stdout) : undefined, stderr: run.stderr };
}

describe('evident evidence verify walks the history of the evidence branch', () => {
  let sandbox: GitSandbox;
  let collector: Clone;
  let mallory: Tamperer;

  /** The program and four records on the evidence branch, the collector's clone and mallory's, made once per file. */
  const seeded = async (made: GitSandbox) => {
    const clone = await made.clone('collector');
    await seedProgram(clone);
    await seedEvidence(clone, made, 4);
    await tamperer(made);
  };
  /** A fresh copy of `template` for this test; returns what its build returned. */
  const start = async <T>(template: () => Promise<{ sandbox: GitSandbox; state: T }>): Promise<T> => {
    const copy = await template();
    sandbox = copy.sandbox;
    collector = sandbox.open('collector');
    mallory = tampererIn(sandbox.open('mallory'));
    return copy.state;
  };
  const fourRecords = sandboxTemplate(seeded);

  beforeEach(async () => start(fourRecords));
  afterEach(async () => sandbox.cleanup());

  it('reports an intact chain with its head, and accepts that head as an anchor', async () => {
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    const { report } = await verifyJson(collector);
    expect(report).toMatchObject({ records: 4, intact: true, problems: [], head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(text).toMatchObject({ code: 0, stdout: `ok 4 evidence records on \`refs/remotes/origin/evidence\` (${report.commit.slice(0, 12)}): the chain and its history are intact; head ${report.head}.\n` });
    expect(await verifyJson(collector, '--anchor', report.head)).toMatchObject({ code: 0, report: { intact: true } });
    expect((await collector.git.raw(['rev-parse', 'refs/evident/verified/origin/evidence'])).trim()).toBe(report.commit);
  });

  it('--branch verifies the named evidence branch, not the configured one', async () => {
    await appendEvidence(collector.git, [testRecord(1), testRecord(2)], { ...COLLECTOR, branch: 'audit-evidence' });
    const tip = (await simpleGit(sandbox.remote).raw(['rev-parse', 'refs/heads/audit-evidence'])).trim();
    const { code, report, stderr } = await verifyJson(collector, '--branch', 'audit-evidence');
    expect(stderr).toContain('Verifying evidence records on `origin/audit-evidence`');
    expect({ code, report }).toMatchObject({ code: 0, report: { ref: 'refs/remotes/origin/audit-evidence', commit: tip, records: 2, intact: true } });
    expect((await collector.git.raw(['rev-parse', 'refs/evident/verified/origin/audit-evidence'])).trim()).toBe(tip);
    // The configured branch still holds its own four records.
    expect(await verifyJson(collector)).toMatchObject({ code: 0, report: { ref: 'refs/remotes/origin/evidence', records: 4 } });
    expect(await verifyJson(collector, '--branch', 'no-such-branch')).toMatchObject({ code: 2, report: undefined, stderr: expect.stringContaining('No evidence branch `no-such-branch` on remote `origin`') });
  });

  it('--ref verifies that local ref or commit as it is, without fetching the branch', async () => {
    const seeded = await remoteTip(sandbox);
    const file = testRecordFile(4);
    await mallory.write(file, { ...(await mallory.read(file)), subject: { reason: 'test', detail: 'edited' } });
    const edit = await mallory.push('Edit record 4');
    const atSeed = await verifyJson(collector, '--ref', seeded);
    expect(atSeed.stderr).toContain(`Verifying evidence records on \`${seeded}\``);
    expect(atSeed).toMatchObject({ code: 0, report: { commit: seeded, records: 4, intact: true, problems: [] } });
    // Nothing was fetched: the clone does not even hold the edit.
    await expect(collector.git.raw(['cat-file', '-t', edit])).rejects.toThrow();
    expect((await collector.git.raw(['rev-parse', 'refs/remotes/origin/evidence'])).trim()).toBe(seeded);
    // Fetching the branch finds the edit.
    const fetched = await verifyJson(collector);
    expect(fetched).toMatchObject({ code: 1, report: { commit: edit, problems: [{ problem: 'modified', commit: edit, file }] } });
    expect(await verifyJson(collector, '--ref', 'refs/heads/no-such-ref')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected ref `refs/heads/no-such-ref`, expected a branch or commit holding evidence records') });
  });

  it('modify the last record: names the commit, the record and the field', async () => {
    const file = testRecordFile(4);
    const edited = await mallory.read(file);
    await mallory.write(file, { ...edited, subject: { reason: 'test', detail: 'edited' } });
    const commit = await mallory.push('Edit record 4');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      { problem: 'modified', commit, file, record: testRecord(4).id, message: `Commit ${commit.slice(0, 12)} modified record \`${testRecord(4).id}\` (\`${file}\`): changed \`subject\` so its hash no longer matches its content, expected records to be only added` },
    ]);
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/\n1 problem in 4 evidence records on `refs\/remotes\/origin\/evidence` \([0-9a-f]{12}\)\.\n$/);
  });

  it('delete the last record: names the commit and the deleted record', async () => {
    await mallory.remove(testRecordFile(4));
    const commit = await mallory.push('Drop record 4');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.records).toBe(3);
    expect(report.problems).toEqual([{ problem: 'deleted', commit, file: testRecordFile(4), record: testRecord(4).id, message: expect.stringContaining(`Commit ${commit.slice(0, 12)} deleted record`) }]);
  });

  it('edit the last record and recompute its hash: the chain alone is intact, the history names the commit', async () => {
    const file = testRecordFile(4);
    await mallory.write(file, reseal(await mallory.read(file), { subject: { reason: 'test', detail: 'edited' } }));
    const commit = await mallory.push('Edit and re-seal record 4');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      { problem: 'modified', commit, file, record: testRecord(4).id, message: `Commit ${commit.slice(0, 12)} modified record \`${testRecord(4).id}\` (\`${file}\`): changed \`hash\`, \`subject\` and re-sealed it (its hash was recomputed), expected records to be only added` },
    ]);
  });

  it('delete a middle record, renumber and re-seal the rest: names the deletion and each renumbered record', async () => {
    const [one, three, four] = [await mallory.read(testRecordFile(1)), await mallory.read(testRecordFile(3)), await mallory.read(testRecordFile(4))];
    for (const n of [2, 3, 4]) await mallory.remove(testRecordFile(n));
    const newThree = reseal(three!, { sequence: 2, previous_hash: one!.hash });
    await mallory.write(testRecordFile(3, 2), newThree);
    await mallory.write(testRecordFile(4, 3), reseal(four!, { sequence: 3, previous_hash: newThree.hash }));
    const commit = await mallory.push('Drop record 2');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems.map((p: { problem: string; commit: string; file: string; record: string }) => [p.problem, p.commit, p.file, p.record])).toEqual([
      ['deleted', commit, testRecordFile(2), testRecord(2).id],
      ['renumbered', commit, testRecordFile(3), testRecord(3).id],
      ['renumbered', commit, testRecordFile(4), testRecord(4).id],
    ]);
    expect(report.problems[1].message).toBe(
      `Commit ${commit.slice(0, 12)} renumbered record \`${testRecord(3).id}\` (\`${testRecordFile(3)}\`) from sequence 3 to 2 as \`${testRecordFile(3, 2)}\`, changing \`hash\`, \`previous_hash\`, \`sequence\` and re-sealing it, expected records to be only added`,
    );
  });

  it('append a well-formed forged record: not detectable from the branch alone (needs the GitHub cross-check)', async () => {
    // Anyone with push access can seal a record exactly as the collector would: the chain links and
    // the commit only adds. The commit's author and committer are whatever the pusher typed, so the
    // history cannot tell this commit from the collector's; the GitHub cross-check can
    // (evidence-verify-github.test.ts), and a signature by the collector's identity could.
    const four = await mallory.read(testRecordFile(4));
    const { hash: _h, sequence: _s, previous_hash: _p, ...body } = four;
    await mallory.write(testRecordFile(5), reseal({ ...body, id: testRecord(5).id, subject: { reason: 'test', detail: 'forged' }, sequence: 5, previous_hash: four.hash, hash: '' }));
    const commit = await mallory.push('Add evidence record');
    const { code, report } = await verifyJson(collector);
    expect({ code, records: report.records, problems: report.problems }).toEqual({ code: 0, records: 5, problems: [] });
    expect((await simpleGit(sandbox.remote).raw(['log', '-1', '--format=%an <%ae>', commit])).trim()).toBe('Mallory <mallory@example.com>');
  });

  it('insert a record with a duplicate sequence: blames the record added later, never the genuine one', async () => {
    const one = await mallory.read(testRecordFile(1));
    const forged = reseal({ ...one, id: 'exception/acme/program/forged', sequence: 2, previous_hash: one.hash, subject: { reason: 'test', detail: 'forged' } });
    await mallory.write('records/000002-aaa.json', forged); // sorts before the genuine record 2
    const commit = await mallory.push('Insert a record');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      {
        problem: 'inserted',
        commit,
        file: 'records/000002-aaa.json',
        record: 'exception/acme/program/forged',
        message: expect.stringContaining(`which repeats the sequence of record \`${testRecord(2).id}\` (\`${testRecordFile(2)}\``),
      },
    ]);
  });

  it('edit a middle record and re-seal it: blames the edited record, not the one after it', async () => {
    const file = testRecordFile(2);
    await mallory.write(file, reseal(await mallory.read(file), { subject: { reason: 'test', detail: 'edited' } }));
    const commit = await mallory.push('Edit record 2');
    const { code, report } = await verifyJson(collector);
    expect(code).toBe(1);
    expect(report.problems.map((p: { problem: string; commit: string; file: string }) => [p.problem, p.commit, p.file])).toEqual([['modified', commit, file]]);
    const text = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text.stdout.split('\n')[0]).toBe(`modified       ${commit.slice(0, 12)} ${file}  ${report.problems[0].message}`);
  });

  describe('a force-pushed, truncated branch', () => {
    let before: string;
    let truncated: string;
    /** Records 5 and 6 appended by the collector, then the branch force-pushed back to record 5 by mallory. */
    const truncatedBranch = sandboxTemplate(async (made) => {
      await seeded(made);
      await appendEvidence(made.open('collector').git, [testRecord(5), testRecord(6)], COLLECTOR);
      const tip = await remoteTip(made);
      const git = made.open('mallory').git;
      await git.raw(['pull', '--quiet', '--ff-only', 'origin', 'evidence']);
      await git.raw(['reset', '--quiet', '--hard', 'HEAD~1']);
      await git.raw(['push', '--quiet', '--force', 'origin', 'evidence']);
      return { before: tip, truncated: await remoteTip(made) };
    });
    beforeEach(async () => {
      await sandbox.cleanup(); // the four-record copy, replaced by this starting state
      ({ before, truncated } = await start(truncatedBranch));
    });

    it('is reported as a rewrite naming both commits, and its tip is not adopted', async () => {
      const { code, report } = await verifyJson(collector);
      expect(code).toBe(1);
      expect(report).toMatchObject({ ref: 'FETCH_HEAD', commit: truncated, records: 4 });
      expect(report.problems).toEqual([
        {
          problem: 'rewritten',
          file: '',
          commit: truncated,
          message: `Evidence branch \`evidence\` on \`origin\` was rewritten: its tip ${truncated} does not contain ${before}, the tip recorded at \`refs/evident/verified/origin/evidence\`; the remote tip was not adopted`,
        },
      ]);
      expect((await collector.git.raw(['rev-parse', 'refs/remotes/origin/evidence'])).trim()).toBe(before);
      expect((await collector.git.raw(['rev-parse', 'refs/evident/verified/origin/evidence'])).trim()).toBe(before);
    });

    it('a fresh clone knows no tip: the anchor copied from an earlier bundle reports the loss', async () => {
      const head = (await simpleGit(sandbox.remote).raw(['show', `${before}:${testRecordFile(6)}`])).match(/"hash": "([0-9a-f]{64})"/)![1]!;
      const auditor = await sandbox.clone('auditor');
      expect(await verifyJson(auditor)).toMatchObject({ code: 0, report: { records: 4 } });
      const { code, report } = await verifyJson(auditor, '--anchor', head);
      expect(code).toBe(1);
      expect(report.problems).toEqual([{ problem: 'anchor-missing', file: '', message: `Unexpected chain without anchor \`${head}\`, expected a record with that hash: no record in the branch's history ever had it` }]);
    });
  });

  it('refuses an anchor that is not a record hash (exit 2)', async () => {
    const run = await capture(['evidence', 'verify', '--anchor', 'abc'], { cwd: collector.dir, env: {} });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('Unexpected --anchor `abc`, expected a record hash') });
  });
});
