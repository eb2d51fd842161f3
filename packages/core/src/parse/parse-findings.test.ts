import { afterEach, describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

const marker = 'evidentFrontmatterEvaluated';

describe('parse', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[marker];
  });

  it('reports every file that cannot be read as frontmatter and Markdown, one finding each', async () => {
    const { text } = await checkFixture('parse', 'not-ok', 'parse');
    expect(text).toBe(
      [
        'policies/alias-bomb.md',
        '  policies/alias-bomb.md:1:1 error Unexpected excessive alias expansion, expected at most 100 alias references [parse/alias-limit]',
        '',
        'policies/bad-yaml.md',
        '  policies/bad-yaml.md:4:24 error Unexpected YAML syntax, expected valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [parse/yaml]',
        '',
        'policies/duplicate-key.md',
        '  policies/duplicate-key.md:4:1 error Unexpected duplicate key `id`, expected each key once per mapping (the last value is used) [parse/duplicate-key]',
        '',
        'policies/empty-frontmatter.md',
        '  policies/empty-frontmatter.md:1:1 error Unexpected empty frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]',
        '',
        'policies/empty.md',
        '  policies/empty.md:1:1 error Unexpected empty file, expected YAML frontmatter and a Markdown body [parse/empty-file]',
        '',
        'policies/executable.md',
        '  policies/executable.md:1:1 error Unexpected `js` frontmatter, expected YAML (frontmatter is data and is never executed) [parse/frontmatter-language]',
        '',
        'policies/forbidden-key.md',
        '  policies/forbidden-key.md:13:1 error Unexpected key `__proto__`, expected a plain data key [parse/forbidden-key]',
        '  policies/forbidden-key.md:15:1 error Unexpected key `constructor`, expected a plain data key [parse/forbidden-key]',
        '',
        'policies/javascript.md',
        '  policies/javascript.md:1:1 error Unexpected `javascript` frontmatter, expected YAML (frontmatter is data and is never executed) [parse/frontmatter-language]',
        '',
        'policies/list.md',
        '  policies/list.md:2:1 error Unexpected list as frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]',
        '',
        'policies/no-frontmatter.md',
        '  policies/no-frontmatter.md:1:1 error Unexpected content before frontmatter, expected the file to start with `---` [parse/missing-frontmatter]',
        '',
        'policies/unterminated.md',
        '  policies/unterminated.md:1:1 error Unexpected end of file in frontmatter, expected a closing `---` line [parse/unterminated-frontmatter]',
        '',
        '12 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('never evaluates `js` or `javascript` frontmatter', async () => {
    await checkFixture('parse', 'not-ok', 'parse');
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('still checks the valid files of the repository', async () => {
    const { result } = await checkFixture('parse', 'not-ok', 'parse');
    expect(result.model?.policies.map((p) => p.id)).toEqual(['access-control']);
    expect(result.model?.controls.map((c) => c.id)).toEqual(['AC-01']);
  });

  it('accepts an explicit `---yaml` opening line and comments in frontmatter', async () => {
    const { diagnostics, allText, result } = await checkFixture('parse', 'ok', 'parse');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
    expect(result.model?.policies.map((p) => p.id)).toEqual(['access-control', 'encryption']);
  });
});
