/** One error never hides another: schema errors, references and the roster are all reported in one run. */
import { describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encryptionPolicy, expectRestChecked, linesOf, useCanaryRepository } from '../../test/canary-repository.js';
import { checkRoot } from '../../test/check-fixture.js';

const repo = useCanaryRepository();

describe('all findings in one pass', () => {
  it('reports a schema error and the unknown owner, approver and criteria of the same policy', async () => {
    const text = encryptionPolicy()
      .replace('status: approved', 'status: [approved]')
      .replace('owner: ada-lovelace', 'owner: nobody-here')
      .replace('approvers: [security]', 'approvers: [security, 7, ghost]')
      .replace('criteria: [CC6.1]', 'criteria: [CC6.1, CC99.9]');
    await repo.write('policies/encryption.md', text);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:5:9 error Unexpected list for `status`, expected one of `draft`, `approved`, `retired` [schema]',
      'policies/encryption.md:6:8 error Unexpected owner `nobody-here`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
      'policies/encryption.md:7:23 error Unexpected number for `approvers[1]`, expected string [schema]',
      'policies/encryption.md:7:26 error Unexpected approver `ghost`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
      'policies/encryption.md:12:19 error Unexpected criterion `CC99.9`, expected an id from the SOC 2 test criteria catalog [reference/unknown-criterion]',
    ]);
    expect(result.model?.partialPolicies.map((p) => p.id)).toEqual(['encryption']);
    expectRestChecked(result);
  });

  it("reports a control's schema error with its unknown policy", async () => {
    const control = (await readFile(path.join(repo.root, 'controls/AC-01.md'), 'utf8')).replace(/frequency: \w+/, 'frequency: yearly').replace(/policies: \[[^\]]*\]/, 'policies: [access-control, retired-policy]');
    await writeFile(path.join(repo.root, 'controls/AC-01.md'), control);
    const result = await checkRoot(repo.root);
    const lines = linesOf(result, 'controls/AC-01.md');
    expect(lines.some((l) => l.includes('Unexpected `yearly` for `frequency`'))).toBe(true);
    expect(lines.some((l) => l.includes('Unexpected policy `retired-policy`') && l.endsWith('[reference/unknown-policy]'))).toBe(true);
  });

  it('keeps the roster when one entry repeats a key, naming the key', async () => {
    const roster = path.join(repo.root, 'people.yaml');
    await writeFile(roster, (await readFile(roster, 'utf8')).replace('    github: grace-example\n', '    github: grace-example\n    github: grace-hopper-gh\n'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:11:5 error Unexpected duplicate key `github`, expected each key once per mapping (the last value is used) [parse/duplicate-key]']);
    expect(result.model?.people.map((p) => p.id)).toEqual(['ada-lovelace', 'grace-hopper']);
    expect(result.diagnostics.filter((d) => d.ruleId === 'reference/unknown-person')).toEqual([]);
    expectRestChecked(result);
  });

  it('keeps the valid roster entries when one entry is invalid', async () => {
    const roster = path.join(repo.root, 'people.yaml');
    await writeFile(roster, (await readFile(roster, 'utf8')).replace('    email: grace@example.com\n', '    email: [grace@example.com]\n'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:11:12 error Unexpected list for `people[1].email`, expected string [schema]']);
    expect(result.model?.people.map((p) => p.id)).toEqual(['ada-lovelace']);
  });

  it('spells GitHub as GitHub in a roster message', async () => {
    const roster = path.join(repo.root, 'people.yaml');
    await writeFile(roster, (await readFile(roster, 'utf8')).replace('github: grace-example', 'github: "grace example"'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:10:13 error Unexpected `grace example` for `people[1].github`, expected GitHub login [schema]']);
  });

  it('says in plain words that YAML is nested too deeply', async () => {
    const deep = `nested: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    await repo.write('policies/encryption.md', encryptionPolicy({ front: deep }));
    await repo.write('policies/deep.md', encryptionPolicy({ front: `nested: ${'['.repeat(150)}${']'.repeat(150)}\n` }).replace('id: encryption', 'id: deep'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([expect.stringMatching(/^policies\/encryption\.md:\d+:\d+ error Unexpected lists and mappings nested too deeply to read, expected at most 100 levels \[parse\/nesting-limit\]$/)]);
    expect(linesOf(result, 'policies/deep.md')).toEqual(['policies/deep.md:1:1 error Unexpected lists and mappings nested 101 levels deep, expected at most 100 levels [parse/nesting-limit]']);
    expect(JSON.stringify(result.diagnostics)).not.toContain('call stack');
    expectRestChecked(result);
  });
});
