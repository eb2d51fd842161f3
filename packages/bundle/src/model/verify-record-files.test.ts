import { describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { verifyRecordFiles } from './verify-record-files.js';

const unsealed = (n: number): UnsealedRecord => ({
  schema_version: 1,
  id: `exception/example/${n}`,
  kind: 'exception',
  repository: 'example/program',
  recorded_at: `2026-10-0${n}T00:00:00Z`,
  subject: { reason: 'test', detail: `record ${n}` },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-10-01T00:00:00Z', api_calls: [] },
});

describe('verifyRecordFiles', () => {
  const first = sealRecord(unsealed(1), undefined);
  const second = sealRecord(unsealed(2), first);
  const file = (record: EvidenceRecord, text = JSON.stringify(record, null, 2)) => ({ file: recordFileName(record), bytes: Buffer.from(text, 'utf8') });

  it('accepts an intact chain of record files', () => {
    expect(verifyRecordFiles([file(first), file(second)]).problems).toEqual([]);
  });

  it('refuses a record that names a key twice: a reader sees the first value, JSON.parse the last', () => {
    // The hash is of the value JSON.parse keeps, so the record still seals; a person reading the file sees "record 2 (approved)".
    const text = JSON.stringify(second, null, 2).replace('"detail": "record 2"', '"detail": "record 2 (approved)",\n    "detail": "record 2"');
    const { problems } = verifyRecordFiles([file(first), file(second, text)]);
    expect(problems).toContainEqual({ file: recordFileName(second), problem: 'invalid', message: `Record ${recordFileName(second)} has an unexpected second \`detail\` in \`subject\`, expected each key once: readers would disagree on its value` });
  });
});
