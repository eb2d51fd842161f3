import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode } from '../exit-codes.js';
import { captureInFixture, copyOfFixture, removeTemporary } from '../test-support/capture-run.js';

afterEach(removeTemporary);

const message =
  'Unexpected missing folder `controls/`, expected the folder that holds the controls (`*.md`): create it, or set `paths.controls` in evident.yaml to the folder that holds them (until then the program has no controls)';

describe('evident check on a program without controls/ and without `paths.controls`', () => {
  it('warns at evident.yaml, in text and in JSON, as `folder/missing`', async () => {
    const root = await copyOfFixture('folder-missing', 'not-ok');
    const text = await captureInFixture(['check', '--root', root]);
    expect(text.stdout).toContain(`evident.yaml\n  evident.yaml:1:1 warning ${message} [folder/missing]\n`);
    const json = await captureInFixture(['check', '--root', root, '--format', 'json']);
    expect(json.code).toBe(text.code);
    const findings = JSON.parse(json.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'folder/missing');
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'folder/missing', severity: 'warning', message, file: 'evident.yaml', line: 1, column: 1, url: 'docs/rules/folder-missing.md' })]);
  });

  it('is not a configuration error: the program is checked on (its criteria uncovered), and exits 1 for those, not 2', async () => {
    const root = await copyOfFixture('folder-missing', 'not-ok');
    const run = await captureInFixture(['check', '--root', root]);
    expect(run.code).toBe(ExitCode.findings);
    expect(run.stdout).toContain('[coverage/uncovered-criterion]');
  });

  it('says nothing once the folder exists', async () => {
    const root = await copyOfFixture('folder-missing', 'not-ok');
    await mkdir(path.join(root, 'controls'));
    await writeFile(path.join(root, 'controls/README.md'), '# Controls\n\nWritten soon.\n');
    const json = await captureInFixture(['check', '--root', root, '--format', 'json']);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).not.toContain('folder/missing');
  });
});
