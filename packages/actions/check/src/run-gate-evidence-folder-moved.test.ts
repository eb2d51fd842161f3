import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createProgramRepository, type ProgramRepository } from '../test/program-repository.js';
import { runGate } from './run-gate.js';

let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const wrong = createHash('sha256').update('not the content').digest('hex');

describe('runGate on a pull request that moves paths.evidence to a folder the base already had', () => {
  it('hashes every file there: none was checked as evidence when it was added', async () => {
    repo = await createProgramRepository();
    await mkdir(path.join(repo.dir, 'archive/AC-01/2026-Q3'), { recursive: true });
    await writeFile(path.join(repo.dir, 'archive/AC-01/2026-Q3/old.csv'), 'old export\n');
    await writeFile(path.join(repo.dir, 'archive/AC-01/2026-Q3/old.csv.evidence.yaml'), `controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: 2026-10-02\ncollected_by: ada-lovelace\nsource: Identity provider export\nsha256: ${wrong}\n`);
    const base = await repo.commitHead('Archive an old export');
    await appendFile(path.join(repo.dir, 'evident.yaml'), 'paths:\n  evidence: archive\n');
    await repo.commitHead('Read evidence from the archive');

    const report = await runGate({ root: repo.dir, workspace: repo.dir, base: { ref: base, label: 'main' }, strict: false, today: '2026-11-26' });
    expect(report.diagnostics.filter((d) => d.ruleId === 'evidence/hash-mismatch').map((d) => d.file)).toEqual(['archive/AC-01/2026-Q3/old.csv.evidence.yaml']);
    expect(report.decision.passed).toBe(false);
    expect(report.weakenings.map((w) => w.subject)).toContain('paths.evidence');
  });
});
