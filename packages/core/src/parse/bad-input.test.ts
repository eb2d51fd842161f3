/**
 * Hostile or broken input: each problem becomes a finding that names the file
 * (and the line where there is one), nothing throws, and the other files of
 * the repository are still checked. Files refused before parsing: io/refused-files.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import matter from 'gray-matter';
import { existsSync } from 'node:fs';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigUnreadableError, readRepository } from '../io/read-repository.js';
import { canaryFinding, encryptionPolicy, expectEveryFindingPlaced, expectRestChecked, findingsOf, linesOf, useCanaryRepository } from '../../test/canary-repository.js';
import { checkRoot } from '../../test/check-fixture.js';
import { parseDocument } from './parse-document.js';

const repo = useCanaryRepository();

describe('bad input in policies and controls', () => {
  it('reports invalid YAML at its line', async () => {
    await repo.write('policies/encryption.md', encryptionPolicy({ front: 'acknowledgment: [everyone\n' }));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:13:26 error Unexpected YAML syntax, expected valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [parse/yaml]',
    ]);
    expectRestChecked(result);
  });

  it('reports unterminated frontmatter', async () => {
    await repo.write('policies/encryption.md', encryptionPolicy().replace('criteria: [CC6.1]\n---\n', 'criteria: [CC6.1]\n'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:1:1 error Unexpected end of file in frontmatter, expected a closing `---` line [parse/unterminated-frontmatter]',
    ]);
    expectRestChecked(result);
  });

  it.each([
    ['a string', '---\nEncryption Policy\n---\n\n# Encryption Policy\n', 'policies/encryption.md:2:1 error Unexpected string as frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]'],
    ['a number', '---\n42\n---\n\n# Encryption Policy\n', 'policies/encryption.md:2:1 error Unexpected number as frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]'],
    ['a list', '---\n- id: encryption\n---\n\n# Encryption Policy\n', 'policies/encryption.md:2:1 error Unexpected list as frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]'],
    ['null', '---\n~\n---\n\n# Encryption Policy\n', 'policies/encryption.md:2:1 error Unexpected empty value as frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]'],
    ['only comments', '---\n# id: encryption\n---\n\n# Encryption Policy\n', 'policies/encryption.md:1:1 error Unexpected empty frontmatter, expected a mapping of keys to values [parse/frontmatter-not-mapping]'],
  ])('reports frontmatter that is %s rather than a mapping', async (_name, text, expected) => {
    await repo.write('policies/encryption.md', text);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([expected]);
    expectRestChecked(result);
  });

  it('reports values of the wrong type at the value, in the words of YAML', async () => {
    const text = encryptionPolicy({ front: 'acknowledgment: yes\n' }).replace('version: "1.0"', 'version: 1.0').replace('approvers: [security]', 'approvers: security');
    await repo.write('policies/encryption.md', text);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:4:10 error Unexpected number for `version`, expected string [schema]',
      'policies/encryption.md:7:12 error Unexpected string for `approvers`, expected list [schema]',
      'policies/encryption.md:13:17 error Unexpected string for `acknowledgment`, expected mapping [schema]',
    ]);
    expectRestChecked(result);
  });

  it('reports and drops `__proto__`, `constructor` and `prototype` keys without polluting any prototype', async () => {
    await repo.write('policies/encryption.md', encryptionPolicy({ front: '__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\nreview_notes:\n  prototype: x\n' }));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:13:1 error Unexpected key `__proto__`, expected a plain data key [parse/forbidden-key]',
      'policies/encryption.md:15:1 error Unexpected key `constructor`, expected a plain data key [parse/forbidden-key]',
      'policies/encryption.md:19:3 error Unexpected key `prototype`, expected a plain data key [parse/forbidden-key]',
      'policies/encryption.md:18:1 error Unexpected key `review_notes`, expected one of `id`, `title`, `version`, `status`, `owner`, `approvers`, `effective_date`, `review`, `criteria`, `acknowledgment`, `remediation_days` [schema]',
    ].sort(byLine));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expectRestChecked(result);
  });

  it('stops a YAML alias bomb ("billion laughs") at the alias limit', async () => {
    const bomb = ['lol1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => `lol${i + 2}: &${name} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    await repo.write('policies/encryption.md', encryptionPolicy({ front: `${bomb}\n` }));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:1:1 error Unexpected excessive alias expansion, expected at most 100 alias references [parse/alias-limit]',
    ]);
    expectRestChecked(result);
  });

  it('reports an empty file and a file of blank lines', async () => {
    await repo.write('policies/encryption.md', '');
    await repo.write('policies/blank.md', '\n  \n\t\n');
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:1:1 error Unexpected empty file, expected YAML frontmatter and a Markdown body [parse/empty-file]']);
    expect(linesOf(result, 'policies/blank.md')).toEqual(['policies/blank.md:1:1 error Unexpected empty file, expected YAML frontmatter and a Markdown body [parse/empty-file]']);
    expectRestChecked(result);
  });

  it('reports a duplicate key at its second occurrence', async () => {
    await repo.write('policies/encryption.md', encryptionPolicy({ front: 'status: draft\n' }));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:13:1 error Unexpected duplicate key `status`, expected each key once per mapping (the last value is used) [parse/duplicate-key]']);
    expectRestChecked(result);
  });

  it.each([
    ['a BOM', (text: string) => `\ufeff${text}`],
    ['CRLF line endings', (text: string) => text.replace(/\n/g, '\r\n')],
    ['a BOM and CRLF line endings', (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`],
  ])('parses a file with %s, with the same line and column numbers', async (_name, transform) => {
    await repo.write('policies/encryption.md', transform(encryptionPolicy({ body: ' See the [key standard](../standards/keys.md).' })));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:27:86 error Unexpected broken link `../standards/keys.md`, expected a path to a file in the repository [body/broken-link]',
    ]);
    const policy = result.model?.policies.find((p) => p.id === 'encryption');
    expect(policy).toMatchObject({ status: 'approved', criteria: ['CC6.1'], review: { cadence: 'annually', last_reviewed: '2026-06-15' } });
    expect(policy?.source.locate(['criteria', 0])).toMatchObject({ line: 12, column: 12 });
    expectRestChecked(result);
  });

  it('keeps CRLF out of the last frontmatter value', async () => {
    const text = encryptionPolicy().replace('status: approved\n', '').replace('criteria: [CC6.1]\n', 'criteria: [CC6.1]\nstatus: approved\n');
    await repo.write('policies/encryption.md', text.replace(/\n/g, '\r\n'));
    const result = await checkRoot(repo.root);
    expect(findingsOf(result, 'policies/encryption.md')).toBe('0 errors, 0 warnings, 0 info\n');
    expect(result.model?.policies.find((p) => p.id === 'encryption')?.status).toBe('approved');
  });
});

describe('bad input in the roster and evident.yaml', () => {
  it('reports an alias bomb in people.yaml and still checks the documents', async () => {
    const peopleFile = path.join(repo.root, 'people.yaml');
    const people = await readFile(peopleFile, 'utf8');
    await writeFile(peopleFile, `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n${people}`);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:1:1 error Unexpected excessive alias expansion, expected at most 100 alias references [parse/alias-limit]']);
    expect(linesOf(result, 'controls/AC-02.md')).toEqual([canaryFinding]);
  });

  it('reports a `__proto__` key in people.yaml at its line', async () => {
    const peopleFile = path.join(repo.root, 'people.yaml');
    await writeFile(peopleFile, (await readFile(peopleFile, 'utf8')).replace('    roles: [engineer]\n', '    roles: [engineer]\n    __proto__: { admin: true }\n'));
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:13:5 error Unexpected key `__proto__`, expected a plain data key [parse/forbidden-key]']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(linesOf(result, 'controls/AC-02.md')).toEqual([canaryFinding]);
  });

  it('reports a `__proto__` key in evident.yaml as a config finding and keeps checking', async () => {
    const configFile = path.join(repo.root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}__proto__:\n  rules: { schema: 'off' }\n`);
    const result = await checkRoot(repo.root);
    expect(result.configFailed).toBe(false);
    expect(linesOf(result, 'evident.yaml')).toEqual(['evident.yaml:16:1 error Unexpected key `__proto__`, expected a plain data key [config]']);
    expectRestChecked(result);
  });

  it('parses evident.yaml with a BOM and CRLF line endings', async () => {
    const configFile = path.join(repo.root, 'evident.yaml');
    await writeFile(configFile, `\ufeff${(await readFile(configFile, 'utf8')).replace(/\n/g, '\r\n')}`);
    const result = await checkRoot(repo.root);
    expect(result.configFailed).toBe(false);
    expect(result.diagnostics.map((d) => d.file)).toEqual(['controls/AC-02.md']);
  });

  it('refuses to read evident.yaml through a symbolic link that leaves the repository', async () => {
    await writeFile(path.join(repo.parent, 'secrets.yaml'), 'DEPLOY_TOKEN: do-not-print-me\n');
    await rm(path.join(repo.root, 'evident.yaml'));
    await symlink('../secrets.yaml', path.join(repo.root, 'evident.yaml'));
    const error = await readRepository(repo.root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigUnreadableError);
    expect((error as Error).message).toBe('evident.yaml: Unexpected symbolic link to a path outside the repository, expected a file inside it');
    expect((error as Error).message).not.toContain('do-not-print-me');
  });
});

describe('frontmatter is data, never code', () => {
  const marker = 'evidentFrontmatterEvaluated';
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[marker];
  });

  it.each(['js', 'javascript', 'JS', 'Javascript'])('never evaluates `---%s` frontmatter', async (language) => {
    const sentinel = path.join(repo.parent, `evaluated-${language}.txt`);
    const code = `{ id: (globalThis.${marker} = true, require('fs').writeFileSync(${JSON.stringify(sentinel)}, 'evaluated'), 'encryption') }`;
    await repo.write('policies/encryption.md', `---${language}\n${code}\n---\n\n# Encryption Policy\n`);
    const result = await checkRoot(repo.root);
    expect(existsSync(sentinel)).toBe(false);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    const findings = result.diagnostics.filter((d) => d.file === 'policies/encryption.md');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'parse/frontmatter-language', line: 1, column: 1 });
    expect(findings[0]?.message).toMatch(/^Unexpected `(js|javascript)` frontmatter, expected YAML/);
    expectRestChecked(result);
  });

  it.each(['coffee', 'json', 'toml', 'lua'])('refuses `---%s` frontmatter', async (language) => {
    await repo.write('policies/encryption.md', `---${language}\n{"id": "encryption"}\n---\n\n# Encryption Policy\n`);
    const result = await checkRoot(repo.root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([expect.stringMatching(/^policies\/encryption\.md:1:1 error Unexpected `[a-z]+` frontmatter, expected YAML.* \[parse\/frontmatter-language\]$/)]);
    expectRestChecked(result);
  });

  it("does not use gray-matter's process-wide cache: two files with the same text get their own data", () => {
    const before = Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache).length;
    const text = encryptionPolicy();
    const first = parseDocument({ path: 'policies/encryption.md', text }, 'policy');
    const second = parseDocument({ path: 'policies/archive/encryption.md', text }, 'policy');
    expect(Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache).length).toBe(before);
    expect(first.document?.data).toEqual(second.document?.data);
    expect(first.document?.data).not.toBe(second.document?.data);
    (first.document!.data as Record<string, unknown>).title = 'Changed';
    expect(second.document?.data?.title).toBe('Encryption Policy');
    expect(second.document?.path).toBe('policies/archive/encryption.md');
  });
});

describe('every finding is placed', () => {
  it('gives each finding of a repository full of bad input a file and 1-based positions', async () => {
    await repo.write('policies/a.md', '');
    await repo.write('policies/b.md', '---\n[\n---\n');
    await repo.write('policies/c.md', Uint8Array.from([0xff, 0xfe, 0x00]));
    await repo.write('policies/d.md', '---js\n1\n---\n');
    await repo.write('controls/e.md', '---\nid: AC-09\n---\n[x](missing.md)\n');
    const result = await checkRoot(repo.root);
    expectEveryFindingPlaced(result.diagnostics);
    expect(new Set(result.diagnostics.map((d) => d.file))).toEqual(new Set(['policies/a.md', 'policies/b.md', 'policies/c.md', 'policies/d.md', 'controls/e.md', 'controls/AC-02.md']));
  });
});

function byLine(a: string, b: string): number {
  const line = (s: string) => Number(/:(\d+):(\d+) /.exec(s)?.[1]) * 1000 + Number(/:(\d+):(\d+) /.exec(s)?.[2]);
  return line(a) - line(b);
}
