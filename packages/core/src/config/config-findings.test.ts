import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('config', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('reports every problem of an invalid evident.yaml and stops there', async () => {
    const { text, result, allText } = await checkFixture('config', 'not-ok', 'config');
    expect(text).toBe(
      [
        'evident.yaml',
        '  evident.yaml:1:1 error Missing key `audit` in evident.yaml, expected it to be set [config]',
        '  evident.yaml:3:21 error Unexpected `Ada Lovelace` for `organization.security_officer`, expected roster person id [config]',
        '  evident.yaml:6:17 error Unexpected `frameworks[0].categories` without a required item, expected it to include `security` [config]',
        '  evident.yaml:7:1 error Unexpected key `audits`, expected one of `organization`, `frameworks`, `audit`, `teams`, `paths`, `policies`, `controls`, `limits`, `rules`, `access`, `evidence`, `release` [config]',
        '  evident.yaml:10:19 error Unexpected `fatal` for `rules.review/overdue`, expected one of `error`, `warning`, `info`, `off` [config]',
        '',
        '5 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
    expect(result.configFailed).toBe(true);
    expect(result.model).toBeUndefined();
    expect(allText).toBe(text);
  });

  it('accepts a valid evident.yaml with limits, section lists and severity overrides', async () => {
    const { diagnostics, allText, result } = await checkFixture('config', 'ok', 'config');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
    expect(result.model?.config.rules).toEqual({ 'review/overdue': 'error', 'control/no-policy': 'off' });
    expect(result.model?.config.policies.required_sections).toEqual(['Purpose', 'Scope', 'Policy']);
  });

  it('applies severity overrides from evident.yaml, by id or by family', async () => {
    const copy = await copyFixture('review-overdue', 'not-ok');
    cleanups.push(copy.cleanup);
    const configFile = path.join(copy.root, 'evident.yaml');
    const original = await readFile(configFile, 'utf8');
    await writeFile(configFile, `${original}rules:\n  review/overdue: error\n`);
    expect((await checkFor(copy.root, 'review/overdue')).diagnostics.map((d) => d.severity)).toEqual(['error', 'error']);
    await writeFile(configFile, `${original}rules:\n  review: info\n`);
    expect((await checkFor(copy.root, 'review/overdue')).diagnostics.map((d) => d.severity)).toEqual(['info', 'info']);
    await writeFile(configFile, `${original}rules:\n  review: info\n  review/overdue: 'off'\n`);
    expect((await checkFor(copy.root, 'review/overdue')).diagnostics).toEqual([]);
  });

  it('reports a missing framework catalog at evident.yaml', async () => {
    const copy = await copyFixture('config', 'ok');
    cleanups.push(copy.cleanup);
    await rm(path.join(copy.root, 'frameworks'), { recursive: true });
    const { text } = await checkFor(copy.root, 'config');
    expect(text).toBe(
      ['evident.yaml', '  evident.yaml:1:1 error Missing framework catalog, expected `frameworks/soc2/criteria.yaml` [config]', '', '1 error, 0 warnings, 0 info', ''].join('\n'),
    );
  });

  it('reports YAML syntax errors in evident.yaml as config findings at their line', async () => {
    const copy = await copyFixture('config', 'ok');
    cleanups.push(copy.cleanup);
    await writeFile(path.join(copy.root, 'evident.yaml'), 'organization:\n  name: [Example Co\naudit:\n  type: type2\n');
    const { diagnostics, result } = await checkFor(copy.root, 'config');
    expect(result.configFailed).toBe(true);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.file).toBe('evident.yaml');
      expect(d.line).toBeGreaterThanOrEqual(2);
      expect(d.message).toMatch(/^Unexpected YAML syntax, expected valid YAML: /);
    }
  });

  it('reads the system description and reports a wrong subservice method or a control without description at the offending key', async () => {
    const copy = await copyFixture('config', 'ok');
    cleanups.push(copy.cleanup);
    const configFile = path.join(copy.root, 'evident.yaml');
    const original = await readFile(configFile, 'utf8');
    const description = [
      '  services:',
      '    - { name: Planning app, description: Project planning for teams. }',
      '  boundary: Customer devices and networks are outside the boundary.',
      '  data_categories:',
      '    - { name: Customer content, description: Projects and files customers upload. }',
      '  subservice_organizations:',
      '    - name: Cloud Host',
      '      services: Data centres and managed databases',
      '      method: carve-out',
      '      controls:',
      '        - { description: Physical access to data centres is restricted., criteria: [CC6.4] }',
      '  user_entity_controls:',
      '    - description: Customers review their own users access.',
      '',
    ].join('\n');
    await writeFile(configFile, original.replace('  security_officer: ada-lovelace\n', `  security_officer: ada-lovelace\n${description}`));
    const ok = await checkFor(copy.root, 'config');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.result.model?.config.organization.subservice_organizations[0]).toMatchObject({ name: 'Cloud Host', method: 'carve-out', controls: [{ criteria: ['CC6.4'] }] });
    expect(ok.result.model?.config.organization.user_entity_controls).toHaveLength(1);
    await writeFile(configFile, original.replace('  security_officer: ada-lovelace\n', `  security_officer: ada-lovelace\n${description.replace('method: carve-out', 'method: carved').replace('- description: Customers', '- criteria: [CC6.2]\n      text: Customers')}`));
    const { text } = await checkFor(copy.root, 'config');
    expect(text).toBe(
      [
        'evident.yaml',
        '  evident.yaml:12:15 error Unexpected `carved` for `organization.subservice_organizations[0].method`, expected one of `carve-out`, `inclusive` [config]',
        '  evident.yaml:16:7 error Missing key `description` in `organization.user_entity_controls[0]`, expected it to be set [config]',
        '  evident.yaml:17:7 error Unexpected key `text` in `organization.user_entity_controls[0]`, expected one of `description`, `criteria` [config]',
        '',
        '3 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });
});
