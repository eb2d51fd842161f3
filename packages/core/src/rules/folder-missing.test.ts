import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS, TODAY } from '../../test/check-fixture.js';
import { checkAgainstBase } from '../gate/check-against-base.js';
import { readRepository } from '../io/read-repository.js';
import { createValidators } from '../validate/create-validators.js';

describe('folder/missing', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function copy(variant: 'ok' | 'not-ok') {
    const c = await copyFixture('folder-missing', variant);
    cleanups.push(c.cleanup);
    return c.root;
  }

  it('warns, at evident.yaml, about a program without `controls/` and without `paths.controls`', async () => {
    const { result, text } = await checkFixture('folder-missing', 'not-ok', 'folder/missing');
    expect(result.configFailed).toBe(false);
    expect(text).toBe(
      [
        'evident.yaml',
        '  evident.yaml:1:1 warning Unexpected missing folder `controls/`, expected the folder that holds the controls (`*.md`): create it, or set `paths.controls` in evident.yaml to the folder that holds them (until then the program has no controls) [folder/missing]',
        '',
        '0 errors, 1 warning, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when both folders exist', async () => {
    const { diagnostics, allText } = await checkFixture('folder-missing', 'ok', 'folder/missing');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('warns about `policies/` too, at `paths` when evident.yaml has it, and each folder once', async () => {
    const root = await copy('not-ok');
    await rm(path.join(root, 'policies'), { recursive: true });
    const configFile = path.join(root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}paths:\n  people: people.yaml\n`);
    const { diagnostics } = await checkFor(root, 'folder/missing');
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message.slice(0, d.message.indexOf(','))}`)).toEqual([
      'evident.yaml:16:1 warning Unexpected missing folder `controls/`',
      'evident.yaml:16:1 warning Unexpected missing folder `policies/`',
    ]);
  });

  it('counts a folder holding any file as there, documents or not', async () => {
    const root = await copy('not-ok');
    await writeFile(path.join(root, 'controls.md'), '# Not the folder\n');
    expect((await checkFor(root, 'folder/missing')).diagnostics).toHaveLength(1);
    await rm(path.join(root, 'controls.md'));
    await mkdir(path.join(root, 'controls'));
    await writeFile(path.join(root, 'controls/README.md'), '# Controls\n\nWritten soon.\n');
    expect((await checkFor(root, 'folder/missing')).diagnostics).toEqual([]);
  });

  it('leaves a configured folder to the `config` error, which stops the check before any rule', async () => {
    const root = await copy('not-ok');
    const configFile = path.join(root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}paths:\n  controls: controls\n`);
    const { result } = await checkFor(root, 'folder/missing');
    expect(result.configFailed).toBe(true);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['config']);
  });

  it('is reported by the pull-request gate too', async () => {
    const root = await copy('not-ok');
    const validators = createValidators();
    const checked = checkAgainstBase(await readRepository(root, { validators }), undefined, { today: TODAY, validators });
    expect(checked.configFailed).toBe(false);
    expect(checked.diagnostics.filter((d) => d.ruleId === 'folder/missing').map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`)).toEqual(['evident.yaml:1:1 warning']);
  });
});
