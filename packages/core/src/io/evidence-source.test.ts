import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseDocumentPlain } from '../parse/parse-document.js';
import { readEvidenceSource, type EvidenceSource } from './evidence-source.js';
import { readRepository } from './read-repository.js';

/** An evidence source over files held in memory, listed in git's byte order (upper case before lower case). */
function memorySource(files: Record<string, string>, links: string[] = []): EvidenceSource & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    files: Object.keys(files).sort(),
    links,
    asked,
    read: async (wanted) => {
      asked.push([...wanted]);
      return new Map(wanted.filter((f) => f in files).map((f) => [f, Buffer.from(files[f]!)]));
    },
  };
}

describe('readEvidenceSource', () => {
  it('reads every metadata file and only the evidence files asked for, each listed once in the order the working tree would give', async () => {
    const source = memorySource({
      'evidence/b/Zeta.csv': 'z\n',
      'evidence/b/Zeta.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/b/alpha.csv': 'a\n',
      'evidence/b/alpha.csv.evidence.yaml': 'covers: 2026-Q3\n',
      'evidence/a/new.csv': 'new\n',
      'evidence/a/new.csv.evidence.yaml': 'covers: 2026-Q3\n',
    }, ['evidence/a/link.csv', 'evidence/a/link2.csv']);
    const read = await readEvidenceSource(source, new Set(['evidence/a/new.csv', 'evidence/a/link.csv']), 1000);
    expect(source.asked).toEqual([['evidence/a/new.csv.evidence.yaml', 'evidence/b/Zeta.csv.evidence.yaml', 'evidence/b/alpha.csv.evidence.yaml', 'evidence/a/new.csv']]);
    expect(read.metadata.map((m) => m.path)).toEqual(['evidence/a/new.csv.evidence.yaml', 'evidence/b/alpha.csv.evidence.yaml', 'evidence/b/Zeta.csv.evidence.yaml']);
    expect([...read.digests]).toEqual([
      ['evidence/a/link.csv', { outside: true }],
      ['evidence/a/link2.csv', { unhashed: true }],
      ['evidence/a/new.csv', { sha256: createHash('sha256').update('new\n').digest('hex'), bytes: 4 }],
      ['evidence/b/alpha.csv', { unhashed: true }],
      ['evidence/b/Zeta.csv', { unhashed: true }],
    ]);
    expect(read.findings).toEqual([]);
  });

  it('refuses metadata over the size limit or not UTF-8, and a metadata file that is a link', async () => {
    const source = memorySource({ 'evidence/big.csv.evidence.yaml': 'x'.repeat(20), 'evidence/bad.csv.evidence.yaml': '\u0000' }, ['evidence/l.csv.evidence.yaml']);
    const read = await readEvidenceSource(source, undefined, 10);
    expect(read.metadata).toEqual([]);
    expect(read.findings.map((f) => `${f.ruleId} ${f.file}`).sort()).toEqual(['parse/binary evidence/bad.csv.evidence.yaml', 'parse/symlink evidence/l.csv.evidence.yaml', 'parse/too-large evidence/big.csv.evidence.yaml']);
  });
});

describe('readRepository with an evidence source', () => {
  it('parses the policies and controls while the evidence is read, as buildModel would parse them', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'evident-evidence-source-'));
    try {
      await mkdir(path.join(root, 'policies'), { recursive: true });
      await mkdir(path.join(root, 'controls'), { recursive: true });
      await writeFile(path.join(root, 'evident.yaml'), 'organization: Example\n');
      await writeFile(path.join(root, 'policies/access.md'), '---\nid: access\ntitle: Access\n---\n# Access\n\nSee [controls](../controls/ac-01.md).\n');
      await writeFile(path.join(root, 'controls/ac-01.md'), '---\nid: AC-01\n---\n# AC-01\n');
      await writeFile(path.join(root, 'controls/broken.md'), 'no frontmatter\n');
      const source = memorySource({ 'evidence/a.csv': 'a\n', 'evidence/a.csv.evidence.yaml': 'covers: 2026-Q3\n' });
      const snapshot = await readRepository(root, { evidenceSource: async () => source });
      expect([...snapshot.preparsed!.keys()].sort()).toEqual(['controls/ac-01.md', 'controls/broken.md', 'policies/access.md']);
      for (const [file, kind] of [['policies/access.md', 'policy'], ['controls/ac-01.md', 'control'], ['controls/broken.md', 'control']] as const) {
        const text = await readFile(path.join(root, file), 'utf8');
        const { locate: _early, ...early } = snapshot.preparsed!.get(file)!;
        const { locate: _direct, ...direct } = parseDocumentPlain({ path: file, text }, kind);
        expect(early).toEqual(direct);
      }
      expect(snapshot.evidence.map((f) => f.path)).toEqual(['evidence/a.csv.evidence.yaml']);
      // Without an evidence source nothing is parsed ahead: buildModel parses as it always did.
      expect((await readRepository(root)).preparsed!.size).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
