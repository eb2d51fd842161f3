import { describe, expect, it } from '@jest/globals';
import { parseYaml } from '../parse/parse-yaml.js';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';
import { createValidators } from './create-validators.js';
import { schemaFindings } from './schema-findings.js';

const validators = createValidators();

/** `line:column message` of each schema finding of a YAML text. */
function messages(schema: 'policy' | 'control' | 'config' | 'evidenceItem', text: string): string[] {
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

  const item = (collectedAt: string) => `controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: ${collectedAt}\ncollected_by: ada-lovelace\nsource: Manual export\nsha256: ${'a'.repeat(64)}\n`;

  it('accepts an evidence item collected on a real day, or at a real time with seconds and a time zone', () => {
    for (const value of ['2026-07-14', '2028-02-29', '2026-07-14T09:30:00Z', '2026-07-14T23:59:59.5+02:00', '"2026-07-14T00:00:00-05:00"']) expect(messages('evidenceItem', item(value))).toEqual([]);
  });

  it('reports an evidence item collected on a day or at a time that does not exist, once, at the value', () => {
    expect(messages('evidenceItem', item('2026-13-01'))).toEqual(['3:15 Unexpected `2026-13-01` for `collected_at`, expected a valid date (YYYY-MM-DD)']);
    expect(messages('evidenceItem', item('2026-04-31'))).toEqual(['3:15 Unexpected `2026-04-31` for `collected_at`, expected a valid date (YYYY-MM-DD)']);
    expect(messages('evidenceItem', item('2026-02-30'))).toEqual(['3:15 Unexpected `2026-02-30` for `collected_at`, expected a valid date (YYYY-MM-DD)']);
    expect(messages('evidenceItem', item('2026-11-01T25:00:00Z'))).toEqual(['3:15 Unexpected `2026-11-01T25:00:00Z` for `collected_at`, expected a valid date-time (YYYY-MM-DDTHH:MM:SSZ)']);
    expect(messages('evidenceItem', item('2026-02-30T10:00:00Z'))).toEqual(['3:15 Unexpected `2026-02-30T10:00:00Z` for `collected_at`, expected a valid date-time (YYYY-MM-DDTHH:MM:SSZ)']);
    // The wrong shape is said once, not also as an invalid date-time.
    expect(messages('evidenceItem', item('yesterday'))).toHaveLength(1);
    expect(messages('evidenceItem', item('2026-11-01T10:00Z'))).toHaveLength(1);
  });

  it('reports a signing key valid from or revoked at a day that does not exist, at the value', () => {
    const config = (notBefore: string, revokedAt: string) =>
      [
        'organization:\n  name: Example Co\n  security_officer: ada-lovelace',
        'frameworks:\n  - id: soc2\n    categories: [security]',
        'audit:\n  type: type1\n  as_of: 2026-10-01',
        'evidence:\n  signing:\n    keys:',
        '      - id: ed25519-0123456789abcdef',
        '        public_key: "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----\\n"',
        `        not_before: ${notBefore}`,
        `        revoked_at: ${revokedAt}`,
        '',
      ].join('\n');
    expect(messages('config', config('2026-07-01', '2027-01-01T00:00:00Z'))).toEqual([]);
    expect(messages('config', config('2026-13-01', '2026-02-30T12:00:00Z'))).toEqual([
      '15:21 Unexpected `2026-13-01` for `evidence.signing.keys[0].not_before`, expected a valid date (YYYY-MM-DD)',
      '16:21 Unexpected `2026-02-30T12:00:00Z` for `evidence.signing.keys[0].revoked_at`, expected a valid date-time (YYYY-MM-DDTHH:MM:SSZ)',
    ]);
  });
});
