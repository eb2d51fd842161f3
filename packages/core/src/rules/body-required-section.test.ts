import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { missingSections, normalizeTitle } from './section-matcher.js';

describe('body/required-section', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('reports each required section a policy or control lacks', async () => {
    const { text } = await checkFixture('body-required-section', 'not-ok', 'body/required-section');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:14:1 error Missing section `Test procedure`, expected a heading such as `## Test procedure` in every control [body/required-section]',
        '',
        'policies/access-control.md',
        '  policies/access-control.md:18:1 error Missing section `Enforcement`, expected a heading such as `## Enforcement` in every policy [body/required-section]',
        '  policies/access-control.md:18:1 error Missing section `Exceptions`, expected a heading such as `## Exceptions` in every policy [body/required-section]',
        '',
        '3 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('matches sections at any level below the title, by synonym, numbered or combined, regardless of case and emphasis', async () => {
    const { diagnostics, allText } = await checkFixture('body-required-section', 'ok', 'body/required-section');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('takes the aliases an organisation configures in evident.yaml', async () => {
    const copy = await copyFixture('body-required-section', 'not-ok');
    cleanups.push(copy.cleanup);
    const configFile = path.join(copy.root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}policies:\n  section_aliases:\n    Exceptions: [Review notes]\ncontrols:\n  section_aliases:\n    Test procedure: [Notes]\n`);
    const { text } = await checkFor(copy.root, 'body/required-section');
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  policies/access-control.md:18:1 error Missing section `Enforcement`, expected a heading such as `## Enforcement` in every policy [body/required-section]',
    ]);
  });

  it('checks the body of a policy whose frontmatter fails its schema too', async () => {
    const copy = await copyFixture('body-required-section', 'not-ok');
    cleanups.push(copy.cleanup);
    const file = path.join(copy.root, 'policies/access-control.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: approved', 'status: [approved]'));
    const { diagnostics } = await checkFor(copy.root, 'body/required-section');
    expect(diagnostics.filter((d) => d.file === 'policies/access-control.md')).toHaveLength(2);
  });

  it('compares titles loosely and splits combined headings', () => {
    expect(['1. Purpose', '**Scope:**', 'Section 3: Policy', 'IV. Roles & responsibilities', 'Exceptions.'].map(normalizeTitle)).toEqual(['purpose', 'scope', 'policy', 'roles and responsibilities', 'exceptions']);
    const required = ['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement'];
    expect(missingSections(['Purpose and Scope', 'Policy', 'Roles, Responsibilities', 'Exceptions / Enforcement'], required)).toEqual([]);
    expect(missingSections(['Purpose', 'Policy'], required)).toEqual(['Scope', 'Roles and Responsibilities', 'Exceptions', 'Enforcement']);
    expect(missingSections(['Background'], ['Purpose'], { purpose: ['Background'] })).toEqual([]);
  });
});
