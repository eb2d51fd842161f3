import { describe, expect, it } from '@jest/globals';
import { entryProblem, type EntryHeader } from './entry-problem.js';
import { VERIFY_LIMITS } from './verify-limits.js';

const entry = (over: Partial<EntryHeader>): EntryHeader => {
  const name = over.name ?? 'evidence/a.csv';
  return { name, nameBytes: Buffer.byteLength(name), externalFileAttributes: 0o100644 * 0x10000, generalPurposeBitFlag: 0x800, compressionMethod: 8, compressedSize: 100, uncompressedSize: 1000, ...over };
};
const problem = (over: Partial<EntryHeader>) => entryProblem(entry(over), VERIFY_LIMITS)?.message;

describe('entryProblem', () => {
  it('accepts a regular file inside the bundle, with or without a Unix mode', () => {
    expect(problem({})).toBeUndefined();
    expect(problem({ externalFileAttributes: 0 })).toBeUndefined();
    expect(problem({ name: 'a..b/..c/d..e', compressionMethod: 0, compressedSize: 5, uncompressedSize: 5 })).toBeUndefined();
  });

  it.each(['../x', 'a/../../x', '/x', 'a\\b', 'C:x', 'z:/x', './x', 'a//b', '', 'a\u0000b'])('refuses the path %j', (name) => {
    expect(problem({ name })).toBe(`Unexpected entry path \`${name}\`, expected a path inside the bundle`);
  });

  it.each([
    ['a/b.', 'a name ending in a dot'],
    ['a./b', 'a name ending in a dot'],
    ['a/b ', 'a name ending in a space'],
    ['a/b:c', 'the character `:`'],
    ['a/b|c', 'the character `|`'],
    ['a/\u001b[0m', 'the character `\\u001b`'],
    ['a/LPT1.txt', '`LPT1.txt`, a device name Windows reserves'],
  ])('refuses the name %j, which Windows cannot write', (name, part) => {
    expect(entryProblem(entry({ name }), VERIFY_LIMITS)).toEqual({ problem: 'unsafe', message: `Unexpected entry path \`${name}\` with ${part}, expected a name every operating system can write: unzipped on Windows, the file would be refused or written elsewhere` });
  });

  it('refuses every kind of entry but a regular file', () => {
    expect(problem({ externalFileAttributes: 0o120777 * 0x10000 })).toBe('Unexpected symbolic link `evidence/a.csv`, expected a regular file');
    expect(problem({ externalFileAttributes: 0o060600 * 0x10000 })).toBe('Unexpected block device `evidence/a.csv`, expected a regular file');
    expect(problem({ externalFileAttributes: 0o140755 * 0x10000 })).toBe('Unexpected socket `evidence/a.csv`, expected a regular file');
    expect(problem({ externalFileAttributes: 0o030644 * 0x10000 })).toBe('Unexpected file of type 0o30000 `evidence/a.csv`, expected a regular file');
    expect(problem({ externalFileAttributes: 0x10 })).toBe('Unexpected directory entry `evidence/a.csv`, expected only files');
    expect(problem({ name: 'evidence/' })).toBe('Unexpected directory entry `evidence/`, expected only files');
  });

  it('refuses encryption, unknown compression and stored sizes that disagree', () => {
    expect(problem({ generalPurposeBitFlag: 0x801 })).toBe('Unexpected encrypted entry `evidence/a.csv`, expected plain content');
    expect(problem({ compressionMethod: 12 })).toBe('Unexpected compression method 12 for `evidence/a.csv`, expected stored (0) or deflated (8)');
    expect(problem({ compressionMethod: 0 })).toBe('Unexpected stored entry `evidence/a.csv` with 100 bytes of data for 1,000 bytes of content, expected the same size');
  });

  it('refuses sizes past the limits, and holds only entries past 1 MiB to the expansion ratio', () => {
    expect(problem({ nameBytes: 1025 })).toBe('Unexpected entry name of 1,025 bytes, expected at most 1,024');
    expect(entryProblem(entry({ nameBytes: 1025 }), VERIFY_LIMITS)?.problem).toBe('limit');
    expect(problem({ uncompressedSize: 2 ** 37, compressedSize: 2 ** 30 })).toBe('Unexpected size of `evidence/a.csv`: 137,438,953,472 bytes, expected at most 68,719,476,736');
    expect(problem({ uncompressedSize: 1 << 20, compressedSize: 1 })).toBeUndefined();
    expect(problem({ uncompressedSize: 1001 * 2000, compressedSize: 2000 })).toBe('Unexpected expansion of `evidence/a.csv`: 2,002,000 bytes from 2,000 compressed (1,001 to 1), expected at most 1,000 to 1');
    expect(problem({ uncompressedSize: 1000 * 2000, compressedSize: 2000 })).toBeUndefined();
  });
});
