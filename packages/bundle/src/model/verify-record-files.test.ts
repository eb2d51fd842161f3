import { describe, expect, it } from '@jest/globals';
import { recordFileName, sealRecord, type EvidenceRecord } from '@evident/core';
import { exampleRecord } from '../../../core/src/test-support/example-record.js';
import { verifyRecordFiles } from './verify-record-files.js';

const unsealed = exampleRecord;

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
