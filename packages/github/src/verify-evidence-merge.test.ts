/**
 * Someone who can push to the evidence branch, with force pushes and deletions refused, pushes a
 * merge whose first parent is a forged line and whose second parent is the genuine tip: a
 * fast-forward, since the genuine tip is an ancestor. The collector never merges, so verification
 * names the merge and collectors refuse to append, whether or not the clone knew the genuine tip.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { recordFileName, type EvidenceRecord } from '@evident/core';
import { simpleGit } from 'simple-git';
import { COLLECTOR, remoteTip, reseal, tamperer, tampererIn, testRecord, testRecordFile, type Tamperer } from '../test/evidence-branch.js';
import { sandboxTemplate, seedProgram, type Clone, type GitSandbox } from '../test/git-sandbox.js';
import { appendEvidence, EvidenceChainError } from './evidence-store.js';
import { verifiedRef } from './fetch-evidence-branch.js';
import { verifyEvidenceBranch } from './verify-evidence-branch.js';

describe('a merge pushed as a fast-forward onto the evidence branch', () => {
  let sandbox: GitSandbox;
  let a: Clone;
  let genuine: string;
  let mallory: Tamperer;

  /** Made once per file: records 1 to 3 appended one commit each from clone `a`, and mallory's clone. */
  const threeRecords = sandboxTemplate(async (made) => {
    const clone = await made.clone('a');
    await seedProgram(clone);
    // What the documented ruleset enforces: no force pushes, no deletions (set once the remote is seeded, which replaces it).
    await simpleGit(made.remote).raw(['config', 'receive.denyNonFastForwards', 'true']);
    await simpleGit(made.remote).raw(['config', 'receive.denyDeletes', 'true']);
    for (const n of [1, 2, 3]) await appendEvidence(clone.git, [testRecord(n)], COLLECTOR);
    await tamperer(made);
    return { genuine: await remoteTip(made) };
  });

  beforeEach(async () => {
    let state: { genuine: string };
    ({ sandbox, state } = await threeRecords());
    genuine = state.genuine;
    a = sandbox.open('a');
    mallory = tampererIn(sandbox.open('mallory'));
  });
  afterEach(async () => sandbox.cleanup());

  /** Run git in Mallory's clone. */
  const git = async (...args: string[]) => (await mallory.clone.git.raw(args)).trim();

  /** Push `commit-tree F^{tree} -p F -p <genuine tip>` without force; returns the merge. */
  async function pushMerge(forged: string): Promise<string> {
    const merge = await git('commit-tree', `${forged}^{tree}`, '-p', forged, '-p', genuine, '-m', 'Merge evidence');
    await git('push', '--quiet', 'origin', `${merge}:refs/heads/evidence`);
    expect(await remoteTip(sandbox)).toBe(merge);
    return merge;
  }

  /** The forged line of the reproduction: the tree of the commit that added record 2, on the commit that added record 1. */
  async function dropLastRecord(): Promise<string> {
    return pushMerge(await git('commit-tree', `${genuine}~1^{tree}`, '-p', `${genuine}~2`, '-m', 'Add 1 evidence record'));
  }

  it('is named in the clone that knew the genuine tip, and the collector there refuses to append', async () => {
    const merge = await dropLastRecord();
    const result = await verifyEvidenceBranch(a.git, COLLECTOR);
    expect(result.commit).toBe(merge);
    expect(result.problems.map((p) => [p.problem, p.commit])).toEqual([
      ['rewritten', merge],
      ['rewritten', merge],
    ]);
    expect(result.problems[0]!.message).toContain(`keeps ${genuine}, the tip recorded at \`refs/evident/verified/origin/evidence\`, only as a merged parent, not on its first-parent line`);
    const forged = await git('rev-parse', `${merge}^1`);
    expect(result.problems[1]!.message).toContain(`is a merge (parents ${forged.slice(0, 12)}, ${genuine.slice(0, 12)}), expected commits with a single parent`);
    expect(result.problems[1]!.message).toContain(`record \`${testRecord(3).id}\`, added only on the merged side, is not on the chain`);
    // The merge was not adopted as verified.
    expect((await a.git.raw(['rev-parse', verifiedRef(COLLECTOR)])).trim()).toBe(genuine);

    const refused = appendEvidence(a.git, [testRecord(4)], COLLECTOR);
    await expect(refused).rejects.toBeInstanceOf(EvidenceChainError);
    await expect(refused).rejects.toMatchObject({ problems: [expect.objectContaining({ problem: 'rewritten', commit: merge })] });
    expect(await remoteTip(sandbox)).toBe(merge);
  });

  it('is named in a fresh clone, where an anchor on the dropped record says where it went, and the collector there refuses to append', async () => {
    const merge = await dropLastRecord();
    const fresh = await sandbox.clone('fresh');
    const third = JSON.parse(await git('show', `${genuine}:${testRecordFile(3)}`)) as EvidenceRecord;
    const result = await verifyEvidenceBranch(fresh.git, { ...COLLECTOR, anchors: [third.hash] });
    expect(result.records).toBe(2);
    expect(result.problems.map((p) => [p.problem, p.commit, p.file])).toEqual([
      ['rewritten', merge, ''],
      ['anchor-missing', merge, testRecordFile(3)],
    ]);
    expect(result.problems[1]!.message).toBe(`Unexpected chain without anchor \`${third.hash}\`, expected record \`${third.id}\` (\`${testRecordFile(3)}\`) on the chain: commit ${genuine.slice(0, 12)} added it, but that commit is not on the chain's first-parent line; merge ${merge.slice(0, 12)} brought it in only as a merged parent`);
    expect(await fresh.git.raw(['for-each-ref', verifiedRef(COLLECTOR)])).toBe('');

    await expect(appendEvidence(fresh.git, [testRecord(4)], COLLECTOR)).rejects.toMatchObject({ name: 'EvidenceChainError', problems: [expect.objectContaining({ problem: 'rewritten', commit: merge })] });
    expect(await remoteTip(sandbox)).toBe(merge);
  });

  it('is named when the forged line carries an edited, re-sealed record', async () => {
    await git('checkout', '--quiet', '-B', 'forged', `${genuine}~2`);
    const second = JSON.parse(await git('show', `${genuine}:${testRecordFile(2)}`)) as EvidenceRecord;
    const edited = reseal({ ...second, subject: { reason: 'test', detail: 'edited' } });
    await mallory.write(recordFileName(edited), edited);
    await git('add', '-A');
    await git('commit', '--quiet', '-m', 'Add 1 evidence record');
    const merge = await pushMerge(await git('rev-parse', 'HEAD'));
    const result = await verifyEvidenceBranch((await sandbox.clone('fresh')).git, COLLECTOR);
    expect(result.problems.map((p) => [p.problem, p.commit])).toEqual([['rewritten', merge]]);
    expect(result.problems[0]!.message).toContain(`records \`${testRecord(2).id}\`, \`${testRecord(3).id}\`, added only on the merged side, are not on the chain`);
  });

  it('leaves an honest linear branch intact: it verifies in a fresh clone and takes further records', async () => {
    const fresh = await sandbox.clone('fresh');
    expect(await verifyEvidenceBranch(fresh.git, COLLECTOR)).toMatchObject({ commit: genuine, records: 3, problems: [] });
    const appended = await appendEvidence(fresh.git, [testRecord(4)], COLLECTOR);
    expect(appended.appended.map((x) => x.record.sequence)).toEqual([4]);
    expect(await verifyEvidenceBranch(a.git, COLLECTOR)).toMatchObject({ commit: appended.commit, records: 4, problems: [] });
  });
});
