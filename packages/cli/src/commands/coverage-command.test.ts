import { afterEach, describe, expect, it } from '@jest/globals';
import { ExitCode } from '../exit-codes.js';
import { captureInFixture, coreFixture, expectNoStackTrace, removeTemporary, temporaryDirectory } from '../test-support/capture-run.js';

afterEach(removeTemporary);

describe('evident coverage', () => {
  it('prints version 1 JSON with totals and one entry per criterion in scope', async () => {
    const result = await captureInFixture(['coverage', '--format', 'json', '--root', coreFixture('coverage-uncovered-criterion', 'not-ok')]);
    expect(result.code).toBe(ExitCode.findings);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      totals: { criteria: 4, covered: 2, uncovered: 2, planned: 0, implemented: 2, operating: 0 },
      criteria: [
        { id: 'CC6.1', category: 'security', family: 'CC6 Logical and Physical Access Controls', state: 'implemented', controls: [{ id: 'AC-01', title: 'Quarterly access review', status: 'implemented' }], policies: ['access-control'] },
        { id: 'CC6.2', category: 'security', family: 'CC6 Logical and Physical Access Controls', state: 'implemented', controls: [{ id: 'AC-01', title: 'Quarterly access review', status: 'implemented' }], policies: ['access-control'] },
        { id: 'CC6.3', category: 'security', family: 'CC6 Logical and Physical Access Controls', state: 'uncovered', controls: [], policies: [] },
        { id: 'A1.1', category: 'availability', family: 'A1 Availability', state: 'uncovered', controls: [], policies: [] },
      ],
    });
  });

  it('exits 0 when every criterion in scope is covered', async () => {
    const result = await captureInFixture(['coverage', '--root', coreFixture('schema', 'ok')]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/3\/3 criteria covered: 0 operating, 3 implemented, 0 planned, 0 uncovered\n$/);
  });

  it('exits 2 on an invalid evident.yaml, with its findings on stderr', async () => {
    const result = await captureInFixture(['coverage', '--root', coreFixture('config', 'not-ok')]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('evident.yaml:1:1 error Missing key `audit` in evident.yaml, expected it to be set [config]');
    expectNoStackTrace(result);
  });

  it('prints the findings of an invalid evident.yaml as JSON on stdout with --format json, still on stderr too', async () => {
    const result = await captureInFixture(['coverage', '--format', 'json', '--root', coreFixture('config', 'not-ok')]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('evident.yaml:1:1 error Missing key `audit` in evident.yaml, expected it to be set [config]');
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ version: 1, summary: { errors: 5, warnings: 0, infos: 0 } });
    expect(parsed.diagnostics.map((d: { ruleId: string; file: string; line: number }) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['evident.yaml:1 config', 'evident.yaml:3 config', 'evident.yaml:6 config', 'evident.yaml:7 config', 'evident.yaml:10 config']);
    expectNoStackTrace(result);
  });

  it('prints a JSON document when evident.yaml is missing with --format json, and only the line on stderr without it', async () => {
    const empty = await temporaryDirectory();
    const json = await captureInFixture(['coverage', '--format', 'json', '--root', empty]);
    expect(json.code).toBe(ExitCode.usage);
    expect(json.stderr).toBe(`error No evident.yaml in ${empty}: run \`evident init\` or pass --root to the repository that holds it\n`);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([expect.objectContaining({ ruleId: 'config', severity: 'error', file: 'evident.yaml', line: null, message: expect.stringMatching(/^Missing `evident\.yaml` in /) })]);
    const text = await captureInFixture(['coverage', '--root', empty]);
    expect(text).toEqual({ code: ExitCode.usage, stdout: '', stderr: json.stderr });
  });

  it('exits 2 on an unknown format', async () => {
    const result = await captureInFixture(['coverage', '--format', 'html']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/^error Unexpected format `html`, expected one of text, json, markdown, csv\n/);
  });
});
