import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { EvidenceRecord } from '@evident/core';
import { readRecordsFromDirectory } from '@evident/github';
import { reseal, seedEvidence, tamperer, tampererIn, testRecord, testRecordFile, type Tamperer } from '../../../github/test/evidence-branch.js';
import { sandboxTemplate, seedProgram, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { capture } from '../test-support/capture-run.js';

describe('evident evidence verify refuses a record that names a key twice', () => {
  let sandbox: GitSandbox;
  let collector: Clone;
  let mallory: Tamperer;
  const twoRecords = sandboxTemplate(async (made) => {
    const clone = await made.clone('collector');
    await seedProgram(clone);
    await seedEvidence(clone, made, 2);
    await tamperer(made);
  });

  beforeEach(async () => {
    sandbox = (await twoRecords()).sandbox;
    collector = sandbox.open('collector');
    mallory = tampererIn(sandbox.open('mallory'));
  });
  afterEach(async () => sandbox.cleanup());

  it('names the file and the key of a sealed record whose `subject` has two `detail` keys', async () => {
    const previous = await mallory.read(testRecordFile(2));
    const record: EvidenceRecord = reseal({ ...testRecord(3, 'the value JSON.parse keeps'), sequence: 3, previous_hash: previous.hash } as EvidenceRecord);
    // The hash seals the last `detail`, which JSON.parse keeps; a reader of the file may see the first.
    const text = JSON.stringify(record, null, 2).replace('"detail": "the value JSON.parse keeps"', '"detail": "Approved by margaret",\n    "detail": "the value JSON.parse keeps"');
    expect(text.match(/"detail"/g)).toHaveLength(2);
    await mallory.write(testRecordFile(3), text + '\n');
    await mallory.push('Append record 3');

    const run = await capture(['evidence', 'verify', '--format', 'json'], { cwd: collector.dir, env: {} });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.intact).toBe(false);
    const why = 'has an unexpected second `detail` in `subject`, expected each key once: readers would disagree on its value';
    const message = expect.stringMatching(new RegExp(`^Commit [0-9a-f]{12} added \`${testRecordFile(3)}\`, which ${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(report.problems).toEqual([expect.objectContaining({ file: testRecordFile(3), problem: 'invalid', message })]);
    // The records read from a checkout leave it out of the chain, with the same reason.
    const onDisk = await readRecordsFromDirectory(mallory.clone.dir);
    expect(onDisk.stored.map((r) => r.file)).toEqual([testRecordFile(1), testRecordFile(2)]);
    expect(onDisk.unreadable).toEqual([{ file: testRecordFile(3), problem: 'invalid', message: `Record ${testRecordFile(3)} ${why}` }]);

    const text1 = await capture(['evidence', 'verify'], { cwd: collector.dir, env: {} });
    expect(text1.code).toBe(1);
    expect(text1.stdout + text1.stderr).toContain(`\`${testRecordFile(3)}\`, which ${why}`);
    expect(text1.stdout + text1.stderr).not.toMatch(/\n\s+at /);
  });
});
