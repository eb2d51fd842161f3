import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createValidators } from '../validate/create-validators.js';
import { addEvidenceItem, EvidenceExistsError, evidenceItemPath, renderEvidenceMetadata } from './add-evidence-item.js';
import { hashEvidenceFiles, hashFile } from './hash-evidence-files.js';
import { loadEvidenceItems } from './load-evidence-items.js';

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-add-'));
  temporary.push(dir);
  return dir;
}

const metadata = { controls: ['AC-01', 'AC-02'], covers: '2026-Q3', collected_at: '2026-10-02', collected_by: 'grace-hopper', source: 'Identity provider: user export #3' };

describe('evidenceItemPath', () => {
  it('places a file under <folder>/<CONTROL>/<PERIOD>/<name>', () => {
    expect(evidenceItemPath('evidence/', 'AC-01', '2026-Q3', 'access review.csv')).toBe('evidence/AC-01/2026-Q3/access review.csv');
    expect(evidenceItemPath('evidence', 'AC-01', '2026-Q3', 'console-export_v2')).toBe('evidence/AC-01/2026-Q3/console-export_v2');
  });

  it.each(['../escape.csv', 'a/b.csv', '.hidden', 'x.evidence.yaml', '', 'report.', 'report.csv ', 'CON', 'nul.txt', 'Com1.csv'])('refuses the name %j', (name) => {
    expect(() => evidenceItemPath('evidence', 'AC-01', '2026-Q3', name)).toThrow(RangeError);
  });
});

describe('renderEvidenceMetadata', () => {
  it('writes the keys in order, controls as a flow list, quoting only what YAML needs', () => {
    expect(renderEvidenceMetadata({ ...metadata, covers: '2026', sha256: 'ab'.repeat(32) }, '../../../schemas/evidence-item.schema.json')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/evidence-item.schema.json',
        'controls: [AC-01, AC-02]',
        'covers: "2026"',
        'collected_at: 2026-10-02',
        'collected_by: grace-hopper',
        'source: "Identity provider: user export #3"',
        `sha256: ${'ab'.repeat(32)}`,
        '',
      ].join('\n'),
    );
  });
});

describe('addEvidenceItem', () => {
  it('copies the file, hashes it in the same pass and writes metadata that passes the schema', async () => {
    const root = await tempDir();
    const source = path.join(await tempDir(), 'export.csv');
    const bytes = Buffer.concat([Buffer.from('account,decision\n'), Buffer.alloc(300_000, 0x61)]);
    await writeFile(source, bytes);
    const added = await addEvidenceItem({ root, source, target: 'evidence/AC-01/2026-Q3/export.csv', metadata });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(added).toEqual({ path: 'evidence/AC-01/2026-Q3/export.csv', metadataPath: 'evidence/AC-01/2026-Q3/export.csv.evidence.yaml', sha256, bytes: bytes.length });
    expect(await readFile(path.join(root, added.path))).toEqual(bytes);
    expect(await hashFile(path.join(root, added.path))).toEqual({ sha256, bytes: bytes.length });

    const files = await hashEvidenceFiles(root, 'evidence');
    expect(files).toEqual(new Map([['evidence/AC-01/2026-Q3/export.csv', { sha256, bytes: bytes.length }]]));
    const text = await readFile(path.join(root, added.metadataPath), 'utf8');
    const { catalog, findings } = loadEvidenceItems([{ path: added.metadataPath, text }], files, 'evidence', createValidators().evidenceItem);
    expect(findings).toEqual([]);
    expect(catalog.items).toEqual([expect.objectContaining({ path: added.path, problems: [], covers: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' }, metadata: { ...metadata, sha256 } })]);
  });

  it('refuses to overwrite the file or its metadata and changes nothing', async () => {
    const root = await tempDir();
    const source = path.join(await tempDir(), 'export.csv');
    await writeFile(source, 'first');
    await addEvidenceItem({ root, source, target: 'evidence/AC-01/2026-Q3/export.csv', metadata });
    await writeFile(source, 'second');
    await expect(addEvidenceItem({ root, source, target: 'evidence/AC-01/2026-Q3/export.csv', metadata })).rejects.toThrow(EvidenceExistsError);
    expect(await readFile(path.join(root, 'evidence/AC-01/2026-Q3/export.csv'), 'utf8')).toBe('first');

    await rm(path.join(root, 'evidence/AC-01/2026-Q3/export.csv'));
    await expect(addEvidenceItem({ root, source, target: 'evidence/AC-01/2026-Q3/export.csv', metadata })).rejects.toThrow('Refusing to overwrite `evidence/AC-01/2026-Q3/export.csv.evidence.yaml`');
    expect(await hashEvidenceFiles(root, 'evidence')).toEqual(new Map());
  });
});

describe('loadEvidenceItems', () => {
  const validate = createValidators().evidenceItem;
  const sha = 'c'.repeat(64);
  const load = (text: string) => loadEvidenceItems([{ path: 'evidence/HR-01/2026/hires.csv.evidence.yaml', text }], new Map([['evidence/HR-01/2026/hires.csv', { sha256: sha, bytes: 3 }]]), 'evidence', validate);

  it('reads a bare year, explicit days and a population', () => {
    const base = `controls: [HR-01]\ncollected_at: 2026-12-31T17:00:00+01:00\ncollected_by: amara-nwosu\nsource: HR system\nsha256: ${sha}\n`;
    expect(load(`${base}covers: 2026\n`).catalog.items[0]!.covers).toEqual({ label: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(load(`${base}covers: { start: 2026-07-15, end: 2026-12-31 }\n`).catalog.items[0]!.covers).toEqual({ label: '2026-07-15..2026-12-31', start: '2026-07-15', end: '2026-12-31' });
    const population = load(`${base}covers: 2026-H2\nevents:\n  - { id: hire-1, date: 2026-08-03 }\n`).catalog.items[0]!;
    expect(population.problems.map((p) => p.message)).toEqual(['Unexpected `2026-H2` for `covers`, expected a period such as `2026`, `2026-Q3`, `2026-07`, `2026-W27`, `2026-07-14` or `START..END`']);
    const outside = load(`${base}covers: 2026-Q3\nevents:\n  - { id: hire-1, date: 2026-10-03 }\n`).catalog.items[0]!;
    expect(outside.problems).toEqual([expect.objectContaining({ message: 'Unexpected event date `2026-10-03` outside `covers` (2026-07-01 to 2026-09-30), expected the population to list only events of the covered period', line: 8 })]);
  });

  it('keeps YAML errors as parse findings and drops the item', () => {
    const { catalog, findings } = load('controls: [HR-01\n');
    expect(catalog.items).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toEqual(['parse/yaml']);
  });
});
