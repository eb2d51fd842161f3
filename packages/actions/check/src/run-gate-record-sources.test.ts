import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createProgramRepository, type ProgramRepository } from '../test/program-repository.js';
import { runGate } from './run-gate.js';

let repo: ProgramRepository | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('runGate on a pull request that counts collected records for a control', () => {
  it('names a branch-rules source added to the access review control, which the coverage delta does not show', async () => {
    repo = await createProgramRepository();
    const file = path.join(repo.dir, 'controls/AC-01.md');
    const before = await readFile(file, 'utf8');
    const after = before.replace('    collection: manual\n', '    collection: manual\n  - description: Branch rules snapshots collected from GitHub\n    collection: github\n    source: evident:branch-rules\n');
    expect(after).not.toBe(before);
    await writeFile(file, after);
    await repo.commitHead('Count branch rules snapshots as access reviews');

    const report = await runGate({ root: repo.dir, workspace: repo.dir, base: { ref: repo.baseSha, label: 'main' }, strict: false, today: '2026-11-26' });
    expect(report.diagnostics).toEqual([]);
    expect(report.summary).toContain('No criterion gains or loses a mapped or implemented control.');
    expect(report.outputs.weakened).toBe(true);
    expect(report.weakenings.map((w) => w.message)).toEqual(['control `AC-01` now counts `evident:branch-rules` records as its evidence: each one collected would meet its occurrences']);
  });
});

describe('runGate on a pull request that justifies an admin', () => {
  it('names a roster role of access.admin_roles given to a person', async () => {
    repo = await createProgramRepository();
    await writeFile(path.join(repo.dir, 'evident.yaml'), `${await readFile(path.join(repo.dir, 'evident.yaml'), 'utf8')}access:\n  admin_roles: [security-officer]\n`);
    const base = await repo.commitHead('Reconcile admins');
    const people = path.join(repo.dir, 'people.yaml');
    const before = await readFile(people, 'utf8');
    const after = before.replace('roles: [engineer]', 'roles: [engineer, security-officer]');
    expect(after).not.toBe(before);
    await writeFile(people, after);
    await repo.commitHead('Make an engineer a security officer');

    const report = await runGate({ root: repo.dir, workspace: repo.dir, base: { ref: base, label: 'main' }, strict: false, today: '2026-11-26' });
    expect(report.weakenings.map((w) => w.subject)).toEqual(['people:grace-hopper']);
    expect(report.weakenings[0]!.message).toMatch(/given role `security-officer`, one of `access\.admin_roles`: their admin access would no longer be an exception$/);
  });
});
