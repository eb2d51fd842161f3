import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFor, copyFixture, TODAY } from '../../test/check-fixture.js';
import { checkAgainstBase } from '../gate/check-against-base.js';
import { readRepository } from '../io/read-repository.js';
import { createValidators } from '../validate/create-validators.js';

/**
 * A configured folder of policies or controls that does not exist is one finding at its setting, not
 * a program without controls (every criterion uncovered, every reference unknown).
 */
describe('configured folders of policies and controls', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function copyWithPaths(paths: string) {
    const copy = await copyFixture('config', 'ok');
    cleanups.push(copy.cleanup);
    const configFile = path.join(copy.root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}${paths}`);
    return copy.root;
  }

  it('reports a configured controls folder that does not exist at `paths.controls`, alone', async () => {
    const root = await copyWithPaths('paths:\n  policies: policies\n  controls: control\n');
    const { result, allText } = await checkFor(root, 'config');
    expect(result.configFailed).toBe(true);
    expect(result.model).toBeUndefined();
    expect(allText).toBe(
      [
        'evident.yaml',
        '  evident.yaml:25:13 error Unexpected missing folder `control` for `paths.controls`, expected the folder that holds the controls (`*.md`): nothing else is checked until it exists or `paths.controls` names it [config]',
        '',
        '1 error, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('reports a configured policies folder that does not exist, and one that is a file', async () => {
    const root = await copyWithPaths('paths:\n  policies: docs/policies/\n  controls: README.md\n');
    await writeFile(path.join(root, 'README.md'), '# Program\n');
    const { result, text } = await checkFor(root, 'config');
    expect(result.configFailed).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  evident.yaml:24:13 error Unexpected missing folder `docs/policies/` for `paths.policies`, expected the folder that holds the policies (`*.md`): nothing else is checked until it exists or `paths.policies` names it [config]',
      '  evident.yaml:25:13 error Unexpected missing folder `README.md` for `paths.controls` (`README.md` is a file), expected the folder that holds the controls (`*.md`): nothing else is checked until it exists or `paths.controls` names it [config]',
    ]);
  });

  it('accepts a configured folder that exists, with documents or only other files', async () => {
    const root = await copyWithPaths('paths:\n  policies: ./docs/policies/\n  controls: soc2/controls\n');
    await mkdir(path.join(root, 'docs'));
    await rename(path.join(root, 'policies'), path.join(root, 'docs/policies'));
    await mkdir(path.join(root, 'soc2/controls'), { recursive: true });
    await writeFile(path.join(root, 'soc2/controls/README.md'), '# Controls\n\nWritten soon.\n');
    const { result, text } = await checkFor(root, 'config');
    expect(result.configFailed).toBe(false);
    expect(text).not.toContain('folder');
    expect(result.model?.policies.map((p) => p.id)).toEqual(['access-control']);
  });

  it('is reported by the pull-request gate too, with the base\'s rules', async () => {
    const root = await copyWithPaths('paths:\n  controls: control\n');
    const validators = createValidators();
    const checked = checkAgainstBase(await readRepository(root, { validators }), undefined, { today: TODAY, validators });
    expect(checked.configFailed).toBe(true);
    expect(checked.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'evident.yaml:24:13 Unexpected missing folder `control` for `paths.controls`, expected the folder that holds the controls (`*.md`): nothing else is checked until it exists or `paths.controls` names it',
    ]);
  });

  it('leaves a default folder evident.yaml does not set to a `folder/missing` warning, and checks on', async () => {
    const root = await copyWithPaths('');
    await rm(path.join(root, 'controls'), { recursive: true });
    const { result, diagnostics } = await checkFor(root, 'config');
    expect(result.configFailed).toBe(false);
    expect(diagnostics).toEqual([]);
    expect(result.model?.controls).toEqual([]);
    expect(result.diagnostics.filter((d) => d.ruleId === 'folder/missing').map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      'evident.yaml:1:1 warning Unexpected missing folder `controls/`, expected the folder that holds the controls (`*.md`): create it, or set `paths.controls` in evident.yaml to the folder that holds them (until then the program has no controls)',
    ]);
  });
});
