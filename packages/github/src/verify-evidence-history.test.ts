import { describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, type EvidenceRecord } from '@evident/core';
import { parseRawLog } from './read-evidence-history.js';
import { summarizeRecord, type RecordSummary } from './summarize-record.js';
import { verifyEvidenceHistory, type HistoryCommit, type RawChange } from './verify-evidence-history.js';
import { testRecord } from '../test/evidence-branch.js';

const ZERO = '0'.repeat(40);
const noProblems = () => [];

/** Records 1..n sealed in order, each with a made-up blob id. */
function sealed(n: number): { record: EvidenceRecord; file: string; blob: string }[] {
  const out: { record: EvidenceRecord; file: string; blob: string }[] = [];
  for (let i = 1; i <= n; i += 1) {
    const record = sealRecord(testRecord(i), out.at(-1)?.record);
    out.push({ record, file: recordFileName(record), blob: String(i).padStart(40, 'b') });
  }
  return out;
}

const add = (r: { file: string; blob: string }): RawChange => ({ status: 'A', path: r.file, oldBlob: ZERO, newBlob: r.blob });
const commit = (sha: string, parents: string[], changes: RawChange[]): HistoryCommit => ({ sha: sha.padEnd(40, '0'), parents: parents.map((p) => p.padEnd(40, '0')), author: 'A <a@example.com>', committer: 'A <a@example.com>', changes });
const blobsOf = (records: { record: EvidenceRecord; blob: string }[]) => new Map<string, RecordSummary>(records.map((r) => [r.blob, summarizeRecord(JSON.stringify(r.record), noProblems, true)]));

describe('verifyEvidenceHistory', () => {
  const r = sealed(3);

  it('names every merge, and a side commit that changed a record', () => {
    const edited = { ...r[0]!, blob: 'e'.repeat(40), record: { ...r[0]!.record, subject: { reason: 'test', detail: 'edited' } } };
    const commits = [
      commit('a1', [], [add(r[0]!)]),
      commit('b1', ['a1'], [add(r[1]!)]),
      commit('b2', ['b1'], [{ status: 'M', path: r[0]!.file, oldBlob: r[0]!.blob, newBlob: edited.blob }]),
      commit('m1', ['a1', 'b2'], [add(r[1]!), { status: 'M', path: r[0]!.file, oldBlob: r[0]!.blob, newBlob: edited.blob }]),
      commit('c1', ['m1'], [add(r[2]!)]),
    ];
    const result = verifyEvidenceHistory({ tip: 'c1'.padEnd(40, '0'), commits, blobs: blobsOf([...r, edited]) });
    expect(result.problems.map((p) => [p.problem, p.commit, p.file])).toEqual([
      ['modified', 'b2'.padEnd(40, '0'), r[0]!.file],
      ['rewritten', 'm1'.padEnd(40, '0'), ''],
    ]);
    expect(result.problems[1]!.message).toMatch(/^Commit m10000000000 is a merge \(parents a10000000000, b20000000000\), expected commits with a single parent/);
    expect(result.chain.map((e) => e.sequence)).toEqual([1, 2, 3]);
  });

  it('names a merge whose first parent is a forged line, the records it dropped, and an anchor on one of them', () => {
    // Genuine: a1 (record 1), a2 (record 2), a3 (record 3). Forged line f1 re-adds record 2 on a1;
    // the merge m1 takes f1's tree with f1 as first parent and the genuine tip a3 as second.
    const commits = [
      commit('a1', [], [add(r[0]!)]),
      commit('a2', ['a1'], [add(r[1]!)]),
      commit('a3', ['a2'], [add(r[2]!)]),
      commit('f1', ['a1'], [add(r[1]!)]),
      commit('m1', ['f1', 'a3'], []),
    ];
    const result = verifyEvidenceHistory({ tip: 'm1'.padEnd(40, '0'), commits, blobs: blobsOf(r), anchors: [r[2]!.record.hash, 'd'.repeat(64)] });
    expect(result.chain.map((e) => e.sequence)).toEqual([1, 2]);
    expect(result.problems.map((p) => [p.problem, p.commit ?? null, p.file, p.record ?? null])).toEqual([
      ['rewritten', 'm1'.padEnd(40, '0'), '', null],
      ['anchor-missing', 'm1'.padEnd(40, '0'), r[2]!.file, r[2]!.record.id],
      ['anchor-missing', null, '', null],
    ]);
    expect(result.problems[0]!.message).toContain(`record \`${r[2]!.record.id}\`, added only on the merged side, is not on the chain`);
    expect(result.problems[1]!.message).toBe(`Unexpected chain without anchor \`${r[2]!.record.hash}\`, expected record \`${r[2]!.record.id}\` (\`${r[2]!.file}\`) on the chain: commit a30000000000 added it, but that commit is not on the chain's first-parent line; merge m10000000000 brought it in only as a merged parent`);
    // Every commit reachable from the tip was read, merged branches included: that claim now holds.
    expect(result.problems[2]!.message).toContain("no record in the branch's history ever had it");
  });

  it('accepts a linear history of single-parent commits', () => {
    const commits = [commit('a1', [], [add(r[0]!)]), commit('a2', ['a1'], [add(r[1]!)]), commit('a3', ['a2'], [add(r[2]!)])];
    const result = verifyEvidenceHistory({ tip: 'a3'.padEnd(40, '0'), commits, blobs: blobsOf(r), anchors: [r[2]!.record.hash] });
    expect(result.problems).toEqual([]);
    expect(result.head).toBe(r[2]!.record.hash);
  });

  it('names the commit that removed an anchor', () => {
    const commits = [commit('a1', [], [add(r[0]!), add(r[1]!)]), commit('a2', ['a1'], [{ status: 'D', path: r[1]!.file, oldBlob: r[1]!.blob, newBlob: ZERO }])];
    const result = verifyEvidenceHistory({ tip: 'a2'.padEnd(40, '0'), commits, blobs: blobsOf(r), anchors: [r[1]!.record.hash] });
    expect(result.problems.map((p) => [p.problem, p.commit])).toEqual([
      ['deleted', 'a2'.padEnd(40, '0')],
      ['anchor-missing', 'a2'.padEnd(40, '0')],
    ]);
    expect(result.head).toBe(r[0]!.record.hash);
  });

  it('names a gap and a broken link at the commit that added them', () => {
    const forged = sealRecord({ ...testRecord(9) }, { sequence: 2, hash: 'f'.repeat(64) });
    const f = { record: forged, file: recordFileName(forged), blob: 'f'.repeat(40) };
    const commits = [commit('a1', [], [add(r[0]!)]), commit('a2', ['a1'], [add(r[2]!)]), commit('a3', ['a2'], [add(f)])];
    const result = verifyEvidenceHistory({ tip: 'a3'.padEnd(40, '0'), commits, blobs: blobsOf([...r, f]) });
    expect(result.problems.map((p) => [p.problem, p.commit, p.file])).toEqual([
      ['missing', 'a2'.padEnd(40, '0'), r[2]!.file],
      ['inserted', 'a3'.padEnd(40, '0'), f.file],
    ]);
  });
});

describe('parseRawLog', () => {
  it('reads commits, parents, identities and changes of `git log --raw -z`', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const blob = 'c'.repeat(40);
    const output = `\x1e${b} ${a}\x1fBot <bot@example.com>\x1fBot <bot@example.com>\0\n:000000 100644 ${ZERO} ${blob} A\0records/000001-x.json\0:100644 000000 ${blob} ${ZERO} D\0README.md\0\x1e${a} \x1fA <a@example.com>\x1fA <a@example.com>\0`;
    expect(parseRawLog(output)).toEqual([
      { sha: b, parents: [a], author: 'Bot <bot@example.com>', committer: 'Bot <bot@example.com>', changes: [{ status: 'A', path: 'records/000001-x.json', oldBlob: ZERO, newBlob: blob }, { status: 'D', path: 'README.md', oldBlob: blob, newBlob: ZERO }] },
      { sha: a, parents: [], author: 'A <a@example.com>', committer: 'A <a@example.com>', changes: [] },
    ]);
  });
});
