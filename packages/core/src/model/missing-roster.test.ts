import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRoot, copyFixture } from '../../test/check-fixture.js';

/**
 * A roster that does not exist is one finding that names it, not one `reference/unknown-person`
 * error per owner, approver, audience, team member and security officer.
 */
describe('a missing roster', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function copy() {
    const fixture = await copyFixture('reference-unknown-person', 'ok');
    cleanups.push(fixture.cleanup);
    return fixture.root;
  }

  it('is named once, at the expected file, when people.yaml is deleted', async () => {
    const root = await copy();
    await rm(path.join(root, 'people.yaml'));
    const { diagnostics } = await checkRoot(root);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`)).toEqual([
      'people.yaml:1 config Missing roster `people.yaml`, expected a file listing the people of the organization (`people:`), or `paths.people` in evident.yaml naming it: person references are not checked until it exists',
    ]);
    expect(diagnostics.filter((d) => d.ruleId === 'reference/unknown-person')).toEqual([]);
  });

  it('is named at evident.yaml `paths.people` when the configured path does not exist', async () => {
    const root = await copy();
    await writeFile(path.join(root, 'evident.yaml'), `${await readFile(path.join(root, 'evident.yaml'), 'utf8')}paths:\n  people: people.yml\n`);
    const { diagnostics } = await checkRoot(root);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      'evident.yaml:17:11 config Missing roster `people.yml` named by `paths.people`, expected a file listing the people of the organization (`people:`): person references are not checked until it exists',
    ]);
  });

  it('still checks person references against a roster that exists elsewhere', async () => {
    const root = await copy();
    await rename(path.join(root, 'people.yaml'), path.join(root, 'roster.yaml'));
    await writeFile(path.join(root, 'evident.yaml'), `${await readFile(path.join(root, 'evident.yaml'), 'utf8')}paths:\n  people: roster.yaml\n`);
    expect((await checkRoot(root)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
