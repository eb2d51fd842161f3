import { describe, expect, it } from '@jest/globals';
import { parseYaml } from '../parse/parse-yaml.js';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { createValidators } from './create-validators.js';
import { schemaFindings } from './schema-findings.js';

const validators = createValidators();

/** `line:column message` of each schema finding of a YAML text. */
function messages(schema: 'policy' | 'control' | 'config', text: string): string[] {
  const parsed = parseYaml(text, 'file.yaml');
  return schemaFindings(validators[schema], parsed.data, 'file.yaml', parsed.locate, 'frontmatter').map((f) => `${f.line}:${f.column} ${f.message}`);
}

const validPolicy = [
  'id: access-control',
  'title: Access Control Policy',
  'version: "1.0"',
  'status: approved',
  'owner: ada-lovelace',
  'approvers: [security]',
  'effective_date: 2026-07-01',
  'review:',
  '  cadence: annually',
  'criteria: [CC6.1]',
  '',
].join('\n');

describe('schema', () => {
  it('reports frontmatter and roster values that break the schemas, at the offending key or value', async () => {
    const { text } = await checkFixture('schema', 'not-ok', 'schema');
    expect(text).toBe(
      [
        'controls/AC-01.md',
        '  controls/AC-01.md:5:12 error Unexpected `CC6-1` for `criteria[0]`, expected a value matching `^(CC|A|C|PI|P)[0-9]+\\.[0-9]+$` [schema]',
        '  controls/AC-01.md:8:12 error Unexpected `yearly` for `frequency`, expected one of `continuous`, `daily`, `weekly`, `monthly`, `quarterly`, `annually`, `event` [schema]',
        '',
        'people.yaml',
        '  people.yaml:11:12 error Unexpected `grace(at)example.com` for `people[1].email`, expected a valid email [schema]',
        '  people.yaml:13:17 error Unexpected `03/02/2025` for `people[1].start_date`, expected a valid date (YYYY-MM-DD) [schema]',
        '',
        'policies/access-control.md',
        '  policies/access-control.md:2:1 error Missing key `title` in frontmatter, expected it to be set [schema]',
        '  policies/access-control.md:3:10 error Unexpected number for `version`, expected string [schema]',
        '  policies/access-control.md:4:9 error Unexpected `active` for `status`, expected one of `draft`, `approved`, `retired` [schema]',
        '  policies/access-control.md:7:17 error Unexpected `2026-13-01` for `effective_date`, expected a valid date (YYYY-MM-DD) [schema]',
        '  policies/access-control.md:15:1 error Unexpected key `reviewer`, expected one of `id`, `title`, `version`, `status`, `owner`, `approvers`, `effective_date`, `review`, `criteria`, `acknowledgment`, `remediation_days` [schema]',
        '',
        '9 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('keeps documents that fail the schema out of the model', async () => {
    const { result } = await checkFixture('schema', 'not-ok', 'schema');
    expect(result.model?.policies).toEqual([]);
    expect(result.model?.controls).toEqual([]);
    expect(result.model?.invalidIds).toEqual(new Set(['access-control', 'AC-01']));
  });

  it('finds nothing in valid frontmatter and roster', async () => {
    const { diagnostics, allText } = await checkFixture('schema', 'ok', 'schema');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });

  it('accepts a valid policy', () => {
    expect(messages('policy', validPolicy)).toEqual([]);
  });

  it.each([
    ['a pattern with a description', ['id: access-control', 'id: Access_Control'], '1:5 Unexpected `Access_Control` for `id`, expected kebab-case id, equal to the file name without .md'],
    ['a pattern without a description', ['criteria: [CC6.1]', 'criteria: [CC6-1]'], '10:12 Unexpected `CC6-1` for `criteria[0]`, expected a value matching `^(CC|A|C|PI|P)[0-9]+\\.[0-9]+$`'],
    ['a too short string', ['title: Access Control Policy', 'title: AC'], '2:8 Unexpected `AC` for `title`, expected at least 3 characters'],
    ['an empty list', ['approvers: [security]', 'approvers: []'], '6:12 Unexpected empty list for `approvers`, expected at least 1 item'],
    ['a repeated item', ['criteria: [CC6.1]', 'criteria: [CC6.1, CC6.1]'], '10:11 Unexpected repeated item in `criteria`, expected each item once (items 0 and 1 are equal)'],
    ['a number below its minimum', ['criteria: [CC6.1]', 'criteria: [CC6.1]\nacknowledgment:\n  audience: [everyone]\n  within_days: 0'], '13:16 Unexpected `0` for `acknowledgment.within_days`, expected a number of at least 1'],
    ['a number above its maximum', ['criteria: [CC6.1]', 'criteria: [CC6.1]\nacknowledgment:\n  audience: [everyone]\n  within_days: 400'], '13:16 Unexpected `400` for `acknowledgment.within_days`, expected a number of at most 365'],
    ['a mapping where a list belongs', ['approvers: [security]', 'approvers: { security: true }'], '6:12 Unexpected mapping for `approvers`, expected list'],
    ['a missing nested key', ['  cadence: annually', '  last_reviewed: 2026-06-15'], '8:1 Missing key `cadence` in `review`, expected it to be set'],
  ])('words %s as one sentence', (_name, [from, to], expected) => {
    expect(messages('policy', validPolicy.replace(from!, to!))).toEqual([expected]);
  });

  it('reports a `contains` failure once, not once per item it tried', () => {
    const config = 'organization:\n  name: Example Co\n  security_officer: ada-lovelace\nframeworks:\n  - id: soc2\n    categories: [availability, privacy]\naudit:\n  type: type1\n';
    expect(messages('config', config)).toEqual(['6:17 Unexpected `frameworks[0].categories` without a required item, expected it to include `security`']);
  });
});
