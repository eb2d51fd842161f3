import { describe, expect, it } from '@jest/globals';
import { progressEveryTenth } from '../write/describe-progress.js';
import { describeVerifyProgress } from './describe-verify-progress.js';

const MiB = 1 << 20;

describe('describeVerifyProgress', () => {
  it('counts files and the bytes of the zip read, its tenths by bytes', () => {
    expect(describeVerifyProgress({ entries: 120, totalEntries: 5000, bytes: 35 * MiB, totalBytes: 100 * MiB })).toEqual({ line: 'Verified 120/5000 files, 35.0 MiB of 100.0 MiB', tenth: 'verify 3', done: 120, total: 5000 });
  });

  it('prints every tenth once with progressEveryTenth', () => {
    const printed: string[] = [];
    const report = progressEveryTenth((line) => printed.push(line), describeVerifyProgress);
    for (let i = 1; i <= 200; i += 1) report({ entries: i, totalEntries: 200, bytes: i * MiB, totalBytes: 200 * MiB });
    expect(printed).toHaveLength(10);
    expect(printed[0]).toBe('Verified 20/200 files, 20.0 MiB of 200.0 MiB');
    expect(printed.at(-1)).toBe('Verified 200/200 files, 200.0 MiB of 200.0 MiB');
  });
});
