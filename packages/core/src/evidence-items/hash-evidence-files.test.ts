import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../diagnostic.js';
import { inTemporaryDirectory as inTemporary } from '../test-support/in-temporary-directory.js';
import { hashEvidenceFiles, hashFile, type LfsTracked } from './hash-evidence-files.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Git LFS tracks the PDFs, as `evident init`'s `.gitattributes` has it. */
const pdfTracked: LfsTracked = async (files) => new Set(files.filter((f) => f.endsWith('.pdf')));

/** `size` bytes that are the same on every run and not one repeated byte (a counter's SHA-256 blocks). */
function fixedBytes(size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < size; i += 1) blocks.push(createHash('sha256').update(`block ${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

const inTemporaryDirectory = (test: (dir: string) => Promise<void>) => inTemporary('evident-hash-', test);

describe('hashFile', () => {
  it('gives the same digest whether the file is read whole or streamed', () =>
    inTemporaryDirectory(async (dir) => {
      for (const size of [0, 1, 65536 + 7, (1 << 20) + 3, 3 << 20]) {
        const bytes = fixedBytes(size);
        const file = path.join(dir, `f-${size}`);
        await writeFile(file, bytes);
        const expected = { sha256: sha(bytes), bytes: size };
        expect(await hashFile(file)).toEqual(expected);
        expect(await hashFile(file, size)).toEqual(expected);
      }
    }));
});

describe('hashEvidenceFiles', () => {
  it('digests small and large files, skips metadata and does not follow links out of the folder', () =>
    inTemporaryDirectory(async (root) => {
      const small = fixedBytes(100);
      const large = fixedBytes((1 << 20) + 1);
      await mkdir(path.join(root, 'evidence/AC-1'), { recursive: true });
      await writeFile(path.join(root, 'evidence/AC-1/small.csv'), small);
      await writeFile(path.join(root, 'evidence/AC-1/large.pdf'), large);
      await writeFile(path.join(root, 'evidence/AC-1/small.csv.evidence.yaml'), 'controls: [AC-1]\n');
      await writeFile(path.join(root, 'secret.txt'), 'outside');
      await symlink(path.join(root, 'secret.txt'), path.join(root, 'evidence/AC-1/link.txt'));
      expect([...(await hashEvidenceFiles(root, 'evidence'))]).toEqual(Object.entries({
        'evidence/AC-1/large.pdf': { sha256: sha(large), bytes: large.length },
        'evidence/AC-1/link.txt': { outside: true },
        'evidence/AC-1/small.csv': { sha256: sha(small), bytes: small.length },
    }));
    }));

  it('reads a Git LFS pointer as the content it stands for, marks a malformed one, and hashes only `only` when given', () =>
    inTemporaryDirectory(async (root) => {
      const oid = sha(Buffer.from('content'));
      await mkdir(path.join(root, 'evidence/AC-1'), { recursive: true });
      await writeFile(path.join(root, 'evidence/AC-1/scan.pdf'), `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 7\n`);
      await writeFile(path.join(root, 'evidence/AC-1/torn.pdf'), 'version https://git-lfs.github.com/spec/v1\nsize 7\n');
      await writeFile(path.join(root, 'evidence/AC-1/old.csv'), 'a\n');
      expect([...(await hashEvidenceFiles(root, 'evidence', undefined, { lfsTracked: pdfTracked }))]).toEqual(Object.entries({
        'evidence/AC-1/old.csv': { sha256: sha(Buffer.from('a\n')), bytes: 2 },
        'evidence/AC-1/scan.pdf': { sha256: oid, bytes: 7, lfsPointer: true },
        'evidence/AC-1/torn.pdf': { lfsProblem: { line: 2, message: 'Missing `oid` in a Git LFS pointer, expected a line `oid sha256:<64 hex digits>`' } },
    }));
    expect([...(await hashEvidenceFiles(root, 'evidence', undefined, { only: new Set(['evidence/AC-1/scan.pdf']), lfsTracked: pdfTracked }))]).toEqual(Object.entries({
      'evidence/AC-1/old.csv': { unhashed: true },
      'evidence/AC-1/scan.pdf': { sha256: oid, bytes: 7, lfsPointer: true },
      'evidence/AC-1/torn.pdf': { unhashed: true },
    }));
    }));

  it('hashes pointer text in a path Git LFS does not track as its own bytes, and asks only about pointer-shaped files', () =>
    inTemporaryDirectory(async (root) => {
      const oid = sha(Buffer.from('content'));
      const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 7\n`;
      const torn = 'version https://git-lfs.github.com/spec/v1\nsize 7\n';
      await mkdir(path.join(root, 'evidence/AC-1'), { recursive: true });
      await writeFile(path.join(root, 'evidence/AC-1/export.csv'), pointer);
      await writeFile(path.join(root, 'evidence/AC-1/torn.csv'), torn);
      await writeFile(path.join(root, 'evidence/AC-1/scan.pdf'), pointer);
      await writeFile(path.join(root, 'evidence/AC-1/plain.pdf'), 'plain');
      const asked: string[][] = [];
      const tracked: LfsTracked = async (files) => {
        asked.push([...files].sort());
        return pdfTracked(files);
      };
      const walked = await hashEvidenceFiles(root, 'evidence', undefined, { lfsTracked: tracked });
      expect(Object.fromEntries(walked)).toEqual({
        'evidence/AC-1/export.csv': { sha256: sha(Buffer.from(pointer)), bytes: Buffer.byteLength(pointer) },
        'evidence/AC-1/plain.pdf': { sha256: sha(Buffer.from('plain')), bytes: 5 },
        'evidence/AC-1/scan.pdf': { sha256: oid, bytes: 7, lfsPointer: true },
        'evidence/AC-1/torn.csv': { sha256: sha(Buffer.from(torn)), bytes: Buffer.byteLength(torn) },
      });
      expect(asked).toEqual([['evidence/AC-1/export.csv', 'evidence/AC-1/scan.pdf', 'evidence/AC-1/torn.csv']]);
      // Without an answer, nothing is tracked: every file is its own bytes.
      expect((await hashEvidenceFiles(root, 'evidence')).get('evidence/AC-1/scan.pdf')).toEqual({ sha256: sha(Buffer.from(pointer)), bytes: Buffer.byteLength(pointer) });
    }));

  it('gives the same digests from a listing already made, the files it saw as regular read without a status first', () =>
    inTemporaryDirectory(async (root) => {
      const oid = sha(Buffer.from('content'));
      await mkdir(path.join(root, 'evidence/AC-1'), { recursive: true });
      const sizes = [0, 5, 1023, 1024, 1025, 1 << 20, (1 << 20) + 1];
      for (const size of sizes) await writeFile(path.join(root, `evidence/AC-1/f-${size}.bin`), fixedBytes(size));
      await writeFile(path.join(root, 'evidence/AC-1/scan.pdf'), `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 7\n`);
      await writeFile(path.join(root, 'evidence/AC-1/torn.pdf'), 'version https://git-lfs.github.com/spec/v1\nsize 7\n');
      await writeFile(path.join(root, 'secret.txt'), 'outside');
      await symlink(path.join(root, 'secret.txt'), path.join(root, 'evidence/AC-1/link.txt'));
      await symlink('scan.pdf', path.join(root, 'evidence/AC-1/inside.pdf'));
      const walked = await hashEvidenceFiles(root, 'evidence', undefined, { lfsTracked: pdfTracked });
      const files = [...walked.keys()].sort();
      const links = new Set(['evidence/AC-1/link.txt', 'evidence/AC-1/inside.pdf']);
      expect([...(await hashEvidenceFiles(root, 'evidence', undefined, { listed: { files, irregular: (f) => links.has(f) }, lfsTracked: pdfTracked }))]).toEqual([...walked]);
      expect(walked.get('evidence/AC-1/inside.pdf')).toEqual({ sha256: oid, bytes: 7, lfsPointer: true });
      expect(walked.get(`evidence/AC-1/f-${(1 << 20) + 1}.bin`)?.bytes).toBe((1 << 20) + 1);
      // Listed as regular but no longer one: digested as any other path.
      await rm(path.join(root, 'evidence/AC-1/f-5.bin'));
      await mkdir(path.join(root, 'evidence/AC-1/f-5.bin'));
      const faults: Finding[] = [];
      expect((await hashEvidenceFiles(root, 'evidence', faults, { listed: { files, irregular: (f) => links.has(f) } })).has('evidence/AC-1/f-5.bin')).toBe(false);
      expect(faults).toEqual([]);
    }));
});
