import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkFor, fixture } from '../../test/check-fixture.js';
import { gitattributesLfsTracked } from './gitattributes-lfs-tracked.js';

const LFS_VERSION = 'version https://git-lfs.github.com/spec/v1';
const CSV = 'evidence/AC-01/2026-Q3/access-review.csv';
const PDF = 'evidence/AC-01/2026-Q3/signed-review.pdf';
/** What the CSV's metadata records. */
const CSV_SHA256 = '4e05f0e62fb9d82801040267ab9f369f989ad6189aaf470ba8adc8b33252c3ca';
const CSV_SIZE = 36;

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** A copy of the passing evidence/hash-mismatch fixture, whose `.gitattributes` sends `evidence/**\/*.pdf` to Git LFS. */
async function program(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-lfs-tracked-'));
  dirs.push(dir);
  await cp(fixture('evidence-hash-mismatch', 'ok'), dir, { recursive: true });
  return dir;
}

const pointerTo = (oid: string, size: number) => `${LFS_VERSION}\noid sha256:${oid}\nsize ${size}\n`;

describe('Git LFS pointers only where .gitattributes hands the path to LFS', () => {
  it('reports pointer text in a path LFS does not track as a hash mismatch: the file is its own bytes, not the content it names', async () => {
    const root = await program();
    const pointer = pointerTo(CSV_SHA256, CSV_SIZE);
    await writeFile(path.join(root, CSV), pointer);
    const { diagnostics } = await checkFor(root, 'evidence/hash-mismatch');
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      `${CSV}.evidence.yaml:6 Unexpected SHA-256 \`${CSV_SHA256}\` for \`${CSV}\`, expected \`${createHash('sha256').update(pointer).digest('hex')}\`: the file changed after its metadata was written`,
    ]);
  });

  it('reads a pointer in a path LFS tracks as the content it names: accepted when its oid is the recorded SHA-256, a mismatch otherwise', async () => {
    const root = await program();
    expect((await checkFor(root, 'evidence/hash-mismatch')).diagnostics).toEqual([]);
    await writeFile(path.join(root, PDF), pointerTo('9'.repeat(64), 29));
    const { diagnostics } = await checkFor(root, 'evidence/hash-mismatch');
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('(the oid of its Git LFS pointer)')]);
  });

  it('reads every file as its own bytes without a .gitattributes (here outside a Git work tree)', async () => {
    const root = await program();
    await rm(path.join(root, '.gitattributes'));
    const { diagnostics } = await checkFor(root, 'evidence/hash-mismatch');
    expect(diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual([`${PDF}.evidence.yaml:6`, `${PDF}.evidence.yaml:7`]);
  });

  it('reads the .gitattributes files from the top of the Git work tree down to the file, the deeper overriding', async () => {
    const top = await mkdtemp(path.join(os.tmpdir(), 'evident-lfs-top-'));
    dirs.push(top);
    await mkdir(path.join(top, '.git'));
    const root = path.join(top, 'compliance');
    await cp(fixture('evidence-hash-mismatch', 'ok'), root, { recursive: true });
    await rm(path.join(root, '.gitattributes'));
    // Only the top of the work tree hands the PDFs to LFS: the pointer stands for its content.
    await writeFile(path.join(top, '.gitattributes'), 'compliance/evidence/**/*.pdf filter=lfs diff=lfs merge=lfs -text\n');
    expect((await checkFor(root, 'evidence/hash-mismatch')).diagnostics).toEqual([]);
    expect([...(await gitattributesLfsTracked(root)([PDF, CSV]))]).toEqual([PDF]);
    // A .gitattributes deeper down takes the PDF back out of LFS.
    await writeFile(path.join(root, 'evidence/AC-01/.gitattributes'), '*.pdf -filter\n');
    expect([...(await gitattributesLfsTracked(root)([PDF, CSV]))]).toEqual([]);
    expect((await checkFor(root, 'evidence/hash-mismatch')).diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual([`${PDF}.evidence.yaml:6`, `${PDF}.evidence.yaml:7`]);
  });
});
