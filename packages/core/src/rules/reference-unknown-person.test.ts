import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFixture, checkFor, copyFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('reference/unknown-person', () => {
  it('reports owners, approvers, audiences, team members, managers, management response owners and the security officer missing from the roster', async () => {
    const { text } = await checkFixture('reference-unknown-person', 'not-ok', 'reference/unknown-person');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:4:8 error Unexpected owner `secops`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '',
        'evident.yaml',
        '  evident.yaml:3:21 error Unexpected security officer `margaret-hamilton`, expected a person id from the roster [reference/unknown-person]',
        '  evident.yaml:15:43 error Unexpected member `alan-turing` of team `security`, expected a person id from the roster [reference/unknown-person]',
        '',
        'exceptions/missing-evidence_AC-01_2026-Q3.yaml',
        '  exceptions/missing-evidence_AC-01_2026-Q3.yaml:2:8 error Unexpected owner `alex-morgn` of the management response, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '',
        'people.yaml',
        '  people.yaml:14:14 error Unexpected manager `grace-hoper` of `grace-hopper`, expected a person id from the roster [reference/unknown-person]',
        '',
        'policies/access-control.md',
        '  policies/access-control.md:6:8 error Unexpected owner `ada-lovelac`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '  policies/access-control.md:7:23 error Unexpected approver `grace-hoper`, expected a person id from the roster or a team id from `evident.yaml` [reference/unknown-person]',
        '  policies/access-control.md:14:24 error Unexpected audience `engineering`, expected a person id from the roster or a team id from `evident.yaml` or `everyone` [reference/unknown-person]',
        '',
        '8 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when people and teams resolve (management response owners too), and `everyone` is accepted as an audience', async () => {
    const { diagnostics, allText } = await checkFixture('reference-unknown-person', 'ok', 'reference/unknown-person');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  describe('with a roster that has problems of its own', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
    });
    async function withRoster(edit: (text: string) => string) {
      const copy = await copyFixture('reference-unknown-person', 'ok');
      cleanups.push(copy.cleanup);
      const file = path.join(copy.root, 'people.yaml');
      await writeFile(file, edit(await readFile(file, 'utf8')));
      return copy.root;
    }

    it('reports an entry that fails the schema once, at the entry, not at every reference to its id', async () => {
      const root = await withRoster((text) => text.replace('    github: ada-example\n', ''));
      const { diagnostics, result } = await checkFor(root, 'reference/unknown-person');
      expect(diagnostics).toEqual([]);
      expect(result.diagnostics.filter((d) => d.file === 'people.yaml').map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual(['2:5 schema Missing key `github` in `people[0]`, expected it to be set']);
    });

    it('checks no reference against a roster that cannot be parsed: its YAML errors are the findings', async () => {
      const root = await withRoster((text) => text.replace('people:', 'people'));
      const { diagnostics, result } = await checkFor(root, 'reference/unknown-person');
      expect(diagnostics).toEqual([]);
      expect(result.diagnostics.some((d) => d.file === 'people.yaml' && d.severity === 'error')).toBe(true);
    });
  });
});
