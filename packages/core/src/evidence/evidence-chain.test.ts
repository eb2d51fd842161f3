import { describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, verifyChain, type StoredRecord } from './evidence-chain.js';
import type { EvidenceRecord } from './evidence-record.js';
import { exampleRecord } from '../test-support/example-record.js';

const unsealed = exampleRecord;

function chain(length: number): StoredRecord[] {
  const out: StoredRecord[] = [];
  let previous: EvidenceRecord | undefined;
  for (let n = 1; n <= length; n += 1) {
    previous = sealRecord(unsealed(n), previous);
    out.push({ file: recordFileName(previous), record: previous });
  }
  return out;
}

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(4))).toEqual([]);
  });

  it('names a modified record', () => {
    const records = chain(3);
    records[1] = { ...records[1]!, record: { ...records[1]!.record, subject: { reason: 'test', detail: 'changed' } } };
    expect(verifyChain(records)).toEqual([{ file: 'records/000002-exception-example-2.json', problem: 'modified', message: expect.stringContaining('was modified') }]);
  });

  it('names the gap a deleted record leaves', () => {
    const records = chain(4);
    records.splice(1, 1);
    expect(verifyChain(records)).toEqual([{ file: 'records/000003-exception-example-3.json', problem: 'missing', message: 'Missing record 2 before records/000003-exception-example-3.json, which has sequence 3' }]);
  });

  it('names a gap of several records as a range', () => {
    const records = chain(5);
    records.splice(1, 2);
    expect(verifyChain(records).map((p) => p.message)).toEqual(['Missing records 2–3 before records/000004-exception-example-4.json, which has sequence 4']);
  });

  it('detects a record inserted with a duplicate sequence', () => {
    const records = chain(3);
    const forged = sealRecord(unsealed(9), records[0]!.record);
    records.splice(2, 0, { file: 'records/000002-forged.json', record: forged });
    expect(verifyChain(records).map((p) => p.problem)).toContain('inserted');
  });

  it('blames the duplicate the next record does not name, even when it sorts first', () => {
    const records = chain(3);
    const forged = sealRecord(unsealed(9), records[0]!.record);
    records.splice(1, 0, { file: 'records/000002-aaa.json', record: forged });
    expect(verifyChain(records)).toEqual([{ file: 'records/000002-aaa.json', problem: 'inserted', message: 'Record records/000002-aaa.json repeats sequence 2 of records/000002-exception-example-2.json: a record was inserted' }]);
  });

  it('detects reordered records', () => {
    const records = chain(3);
    [records[1], records[2]] = [records[2]!, records[1]!];
    expect(verifyChain(records)).toEqual([
      { file: 'records/000003-exception-example-3.json', problem: 'missing', message: 'Missing record 2 before records/000003-exception-example-3.json, which has sequence 3' },
      { file: 'records/000002-exception-example-2.json', problem: 'reordered', message: 'Unexpected sequence 2 in records/000002-exception-example-2.json, the record at position 3, expected 4: the records are out of order' },
    ]);
  });

  it('detects a modified record whose hash was recomputed, at the next link', () => {
    const records = chain(3);
    const resealed = sealRecord({ ...unsealed(2), subject: { reason: 'test', detail: 'forged' } }, records[0]!.record);
    records[1] = { file: records[1]!.file, record: resealed };
    expect(verifyChain(records)).toEqual([expect.objectContaining({ file: 'records/000003-exception-example-3.json', problem: 'inserted' })]);
  });
});
