import { describe, expect, it } from '@jest/globals';
import { readLfsPointer } from './lfs-pointer.js';

const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393';
const read = (text: string) => readLfsPointer(Buffer.from(text));

describe('readLfsPointer', () => {
  it('reads the oid and size of a valid pointer, extension keys included', () => {
    expect(read(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`)).toEqual({ pointer: { oid: OID, size: 12345 } });
    expect(read(`version https://git-lfs.github.com/spec/v1\next-0-foo sha256:${OID}\noid sha256:${OID}\nsize 0\n`)).toEqual({ pointer: { oid: OID, size: 0 } });
  });

  it('leaves ordinary content alone, pointer-like text past the size limit included', () => {
    expect(read('a,b\n1,2\n')).toBeUndefined();
    expect(read(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 1\n${'x'.repeat(1024)}\n`)).toBeUndefined();
  });

  it('gives the line of the first problem of a malformed pointer', () => {
    expect(read(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID.slice(1)}\nsize 1\n`)?.problem?.line).toBe(2);
    expect(read(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize -1\n`)?.problem).toEqual({ line: 3, message: 'Unexpected size `-1`, expected a number of bytes' });
    expect(read(`version https://git-lfs.github.com/spec/v1\nsize 1\noid sha256:${OID}\n`)?.problem?.line).toBe(3);
    expect(read(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\n`)?.problem?.message).toBe('Missing `size` in a Git LFS pointer, expected a line `size <bytes>`');
    expect(read(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 1`)?.problem?.line).toBe(3);
    expect(read(`version https://git-lfs.github.com/spec/v1.1\noid sha256:${OID}\nsize 1\n`)?.problem?.line).toBe(1);
  });
});
