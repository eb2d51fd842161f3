/**
 * With evident.yaml `evidence.signing`, the commands that read records (status, ack status, reminders)
 * leave out a record whose signature check is a finding, naming it, as the bundle does: a forged
 * unsigned record appended where signing is required meets nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { generateSigningKey, loadSigningKey, plainStyle, recordFileName, sealRecord, signatureFileName, signRecord, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { readEvidenceRecords } from './load-evidence-records.js';
import { removeTemporary, temporaryDirectory } from './test-support/capture-run.js';


afterEach(removeTemporary);

const key = generateSigningKey();
const signing = { required_from: '2026-06-01', keys: [{ id: key.keyId, public_key: key.publicKeyPem, not_before: '2026-01-01' }] };

const unsealed = (n: number, recordedAt: string): UnsealedRecord => ({
  schema_version: 1,
  id: `exception/acme/program/test/${n}`,
  kind: 'exception',
  repository: 'acme/program',
  recorded_at: recordedAt,
  subject: { reason: 'test', detail: `record ${n}` },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: recordedAt, api_calls: [] },
});

/** A checkout of an evidence branch: record 1 signed, record 2 (recorded after required_from) not. */
async function evidenceCheckout(): Promise<string> {
  const dir = await temporaryDirectory();
  await mkdir(path.join(dir, 'records'));
  const first = sealRecord(unsealed(1, '2026-07-01T10:00:00Z'), undefined);
  const second = sealRecord(unsealed(2, '2026-07-02T10:00:00Z'), first);
  for (const record of [first, second] as EvidenceRecord[]) await writeFile(path.join(dir, recordFileName(record)), `${JSON.stringify(record, null, 2)}\n`);
  const signature = signRecord(first, loadSigningKey(key.privateKeyPem), new Date(first.recorded_at));
  await writeFile(path.join(dir, signatureFileName(recordFileName(first))), `${JSON.stringify(signature, null, 2)}\n`);
  return dir;
}

function memoryIo(): { io: CliIo; stderr: () => string } {
  let stderr = '';
  return { io: { stdout: () => undefined, stderr: (text) => void (stderr += text), cwd: process.cwd(), env: {}, style: plainStyle, errStyle: plainStyle, stderrIsTTY: false, now: () => new Date('2026-07-03T00:00:00Z') }, stderr: () => stderr };
}

describe('readEvidenceRecords with signing configured', () => {
  it('leaves out and names a record whose signature check is a finding', async () => {
    const dir = await evidenceCheckout();
    const { io, stderr } = memoryIo();
    const records = await readEvidenceRecords({ directory: dir }, io, { label: 'evidence records', signing });
    expect(records.map((r) => r.id)).toEqual(['exception/acme/program/test/1']);
    expect(stderr()).toMatch(/^warning Record records\/000002-exception-acme-program-test-2\.json is not counted: .+\n$/);
  });

  it('reads every record when no signing is configured', async () => {
    const dir = await evidenceCheckout();
    const { io, stderr } = memoryIo();
    expect((await readEvidenceRecords({ directory: dir }, io, { label: 'evidence records' })).map((r) => r.id)).toEqual(['exception/acme/program/test/1', 'exception/acme/program/test/2']);
    expect(stderr()).toBe('');
  });
});
