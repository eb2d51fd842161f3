/**
 * Hostile or broken input: each problem becomes a finding that names the file
 * (and the line where there is one), nothing throws, and the other files of
 * the repository are still checked.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import matter from 'gray-matter';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from '../check-repository.js';
import type { Diagnostic } from '../diagnostic.js';
import { formatDiagnosticsText } from '../format/format-diagnostics-text.js';
import { ConfigUnreadableError, readRepository } from '../io/read-repository.js';
import { checkRoot, copyFixture } from '../../test/check-fixture.js';
import { parseDocument } from './parse-document.js';

/** A valid policy; `front` is appended to the frontmatter after line 12, `body` to the Policy section. */
function encryptionPolicy({ front = '', body = '' }: { front?: string; body?: string } = {}): string {
  return [
    '---',
    'id: encryption',
    'title: Encryption Policy',
    'version: "1.0"',
    'status: approved',
    'owner: ada-lovelace',
    'approvers: [security]',
    'effective_date: 2026-07-01',
    'review:',
    '  cadence: annually',
    '  last_reviewed: 2026-06-15',
    'criteria: [CC6.1]',
    `${front}---`,
    '',
    '# Encryption Policy',
    '',
    '## Purpose',
    '',
    'Customer data is unreadable to anyone who steals a disk or taps a network.',
    '',
    '## Scope',
    '',
    'Every production data store and network path.',
    '',
    '## Policy',
    '',
    `Data is encrypted in transit with TLS 1.2 or later and at rest with AES-256.${body}`,
    '',
    '## Roles and Responsibilities',
    '',
    'Engineering configures encryption; security reviews it.',
    '',
    '## Exceptions',
    '',
    'The security officer approves exceptions in writing.',
    '',
    '## Enforcement',
    '',
    'Violations lead to disciplinary action.',
    '',
  ].join('\n');
}

/** A control whose only problem is a reference to a policy that does not exist: proof the rest is still checked. */
const canaryControl = [
  '---',
  'id: AC-02',
  'title: Password manager',
  'owner: security',
  'criteria: [CC6.1]',
  'policies: [password-policy]',
  'status: implemented',
  'frequency: continuous',
  'evidence:',
  '  - description: Password manager enrolment report',
  '    collection: automated',
  '---',
  '',
  '# Password manager',
  '',
  '## Description',
  '',
  'Everyone stores shared credentials in the company password manager.',
  '',
  '## Test procedure',
  '',
  'Compare the enrolment report with the roster.',
  '',
].join('\n');

const canaryFinding = 'controls/AC-02.md:6:12 error Unexpected policy `password-policy`, expected an id from `policies/` [reference/unknown-policy]';

let root: string;
let parent: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const copy = await copyFixture('schema', 'ok');
  root = copy.root;
  parent = path.dirname(root);
  cleanup = copy.cleanup;
  await writeFile(path.join(root, 'controls/AC-02.md'), canaryControl);
});

afterEach(async () => {
  await cleanup();
});

async function write(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

/** The formatted findings of one file. */
function findingsOf(result: CheckResult, file: string): string {
  return formatDiagnosticsText(result.diagnostics.filter((d) => d.file === file));
}

/** The file's finding lines only, without the heading and the summary. */
function linesOf(result: CheckResult, file: string): string[] {
  return findingsOf(result, file)
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
}

/** The valid policy and control are modelled, and the canary control's finding is still reported. */
function expectRestChecked(result: CheckResult): void {
  expect(result.model?.policies.map((p) => p.id)).toContain('access-control');
  expect(result.model?.controls.map((c) => c.id)).toEqual(expect.arrayContaining(['AC-01', 'AC-02']));
  expect(linesOf(result, 'controls/AC-02.md')).toEqual([canaryFinding]);
}

function expectEveryFindingPlaced(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file).not.toBe('');
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

describe('bad input in policies and controls', () => {
  it('reports invalid YAML at its line', async () => {
    await write('policies/encryption.md', encryptionPolicy({ front: 'acknowledgment: [everyone\n' }));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:13:26 error Unexpected YAML syntax, expected valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [parse/yaml]',
    ]);
    expectRestChecked(result);
  });

  it('reports unterminated frontmatter', async () => {
    await write('policies/encryption.md', encryptionPolicy().replace('criteria: [CC6.1]\n---\n', 'criteria: [CC6.1]\n'));
    const result = await checkRoot(root);
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
    await write('policies/encryption.md', text);
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([expected]);
    expectRestChecked(result);
  });

  it('reports values of the wrong type at the value, in the words of YAML', async () => {
    const text = encryptionPolicy({ front: 'acknowledgment: yes\n' }).replace('version: "1.0"', 'version: 1.0').replace('approvers: [security]', 'approvers: security');
    await write('policies/encryption.md', text);
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:4:10 error Unexpected number for `version`, expected string [schema]',
      'policies/encryption.md:7:12 error Unexpected string for `approvers`, expected list [schema]',
      'policies/encryption.md:13:17 error Unexpected string for `acknowledgment`, expected mapping [schema]',
    ]);
    expectRestChecked(result);
  });

  it('reports and drops `__proto__`, `constructor` and `prototype` keys without polluting any prototype', async () => {
    await write('policies/encryption.md', encryptionPolicy({ front: '__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\nreview_notes:\n  prototype: x\n' }));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:13:1 error Unexpected key `__proto__`, expected a plain data key [parse/forbidden-key]',
      'policies/encryption.md:15:1 error Unexpected key `constructor`, expected a plain data key [parse/forbidden-key]',
      'policies/encryption.md:19:3 error Unexpected key `prototype`, expected a plain data key [parse/forbidden-key]',
      'policies/encryption.md:18:1 error Unexpected key `review_notes`, expected one of `id`, `title`, `version`, `status`, `owner`, `approvers`, `effective_date`, `review`, `criteria`, `acknowledgment` [schema]',
    ].sort(byLine));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expectRestChecked(result);
  });

  it('stops a YAML alias bomb ("billion laughs") at the alias limit', async () => {
    const bomb = ['lol1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => `lol${i + 2}: &${name} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    await write('policies/encryption.md', encryptionPolicy({ front: `${bomb}\n` }));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:1:1 error Unexpected excessive alias expansion, expected at most 100 alias references [parse/alias-limit]',
    ]);
    expectRestChecked(result);
  });

  it('reports an empty file and a file of blank lines', async () => {
    await write('policies/encryption.md', '');
    await write('policies/blank.md', '\n  \n\t\n');
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:1:1 error Unexpected empty file, expected YAML frontmatter and a Markdown body [parse/empty-file]']);
    expect(linesOf(result, 'policies/blank.md')).toEqual(['policies/blank.md:1:1 error Unexpected empty file, expected YAML frontmatter and a Markdown body [parse/empty-file]']);
    expectRestChecked(result);
  });

  it('reports a duplicate key at its second occurrence', async () => {
    await write('policies/encryption.md', encryptionPolicy({ front: 'status: draft\n' }));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:13:1 error Unexpected duplicate key, expected each key once per mapping [parse/duplicate-key]']);
    expectRestChecked(result);
  });

  it.each([
    ['a BOM', (text: string) => `\ufeff${text}`],
    ['CRLF line endings', (text: string) => text.replace(/\n/g, '\r\n')],
    ['a BOM and CRLF line endings', (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`],
  ])('parses a file with %s, with the same line and column numbers', async (_name, transform) => {
    await write('policies/encryption.md', transform(encryptionPolicy({ body: ' See the [key standard](../standards/keys.md).' })));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:27:101 error Unexpected broken link `../standards/keys.md`, expected a path to a file in the repository [body/broken-link]',
    ]);
    const policy = result.model?.policies.find((p) => p.id === 'encryption');
    expect(policy).toMatchObject({ status: 'approved', criteria: ['CC6.1'], review: { cadence: 'annually', last_reviewed: '2026-06-15' } });
    expect(policy?.source.locate(['criteria', 0])).toMatchObject({ line: 12, column: 12 });
    expectRestChecked(result);
  });

  it('keeps CRLF out of the last frontmatter value', async () => {
    const text = encryptionPolicy().replace('status: approved\n', '').replace('criteria: [CC6.1]\n', 'criteria: [CC6.1]\nstatus: approved\n');
    await write('policies/encryption.md', text.replace(/\n/g, '\r\n'));
    const result = await checkRoot(root);
    expect(findingsOf(result, 'policies/encryption.md')).toBe('0 errors, 0 warnings, 0 info\n');
    expect(result.model?.policies.find((p) => p.id === 'encryption')?.status).toBe('approved');
  });
});

describe('files refused before parsing', () => {
  it('refuses a file over the default limit of 1 MiB', async () => {
    const text = encryptionPolicy({ body: ` ${'x'.repeat(1024 * 1024)}` });
    await write('policies/encryption.md', text);
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      `policies/encryption.md:1:1 error Unexpected file of ${Buffer.byteLength(text)} bytes, expected at most 1048576 bytes (\`limits.max_file_bytes\`) [parse/too-large]`,
    ]);
    expect(result.diagnostics.find((d) => d.file === 'policies/encryption.md')?.line).toBeUndefined();
    expectRestChecked(result);
  });

  it('refuses a file over `limits.max_file_bytes`, and accepts one exactly at it', async () => {
    const configFile = path.join(root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}limits:\n  max_file_bytes: 2048\n`);
    const base = encryptionPolicy();
    await write('policies/encryption.md', base.padEnd(2048, '\n'));
    await write('policies/encryption-archive.md', base.replace('id: encryption', 'id: encryption-archive').padEnd(2049, '\n'));
    const result = await checkRoot(root);
    expect(findingsOf(result, 'policies/encryption.md')).toBe('0 errors, 0 warnings, 0 info\n');
    expect(linesOf(result, 'policies/encryption-archive.md')).toEqual([
      'policies/encryption-archive.md:1:1 error Unexpected file of 2049 bytes, expected at most 2048 bytes (`limits.max_file_bytes`) [parse/too-large]',
    ]);
    expectRestChecked(result);
  });

  it('refuses binary content', async () => {
    await write('policies/encryption.md', Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:1:1 error Unexpected binary content, expected UTF-8 text [parse/binary]']);
    expectRestChecked(result);
  });

  it('refuses non-UTF-8 content, naming the line of the first bad byte', async () => {
    const latin1 = Buffer.concat([Buffer.from(encryptionPolicy().split('\n').slice(0, 2).join('\n') + '\ntitle: Politique de chiffrement (r'), Buffer.from([0xe9]), Buffer.from('vis\u00e9e)\n---\n')]);
    await write('policies/encryption.md', latin1);
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:3:1 error Unexpected non-UTF-8 bytes, expected UTF-8 text [parse/encoding]']);
    expect(result.diagnostics.find((d) => d.file === 'policies/encryption.md')?.line).toBe(3);
    expectRestChecked(result);
  });

  it('refuses a symbolic link to a file outside the repository without reading it', async () => {
    await writeFile(path.join(parent, 'outside.md'), encryptionPolicy({ front: 'secret_token: do-not-print-me\n' }));
    await symlink('../../outside.md', path.join(root, 'policies/encryption.md'));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual([
      'policies/encryption.md:1:1 error Unexpected symbolic link to a path outside the repository, expected a file inside it [parse/symlink]',
    ]);
    expect(JSON.stringify(result.diagnostics)).not.toContain('do-not-print-me');
    expectRestChecked(result);
  });

  it('refuses a broken symbolic link and a link to a directory', async () => {
    await symlink('../nowhere.md', path.join(root, 'policies/encryption.md'));
    await symlink('../controls', path.join(root, 'policies/folder.md'));
    const result = await checkRoot(root);
    expect(linesOf(result, 'policies/encryption.md')).toEqual(['policies/encryption.md:1:1 error Unexpected broken symbolic link, expected a regular file [parse/symlink]']);
    expect(linesOf(result, 'policies/folder.md')).toEqual(['policies/folder.md:1:1 error Unexpected directory or special file, expected a regular file [parse/not-a-file]']);
    expectRestChecked(result);
  });

  it('follows a symbolic link that stays inside the repository', async () => {
    await write('shared/encryption.md', encryptionPolicy());
    await symlink('../shared/encryption.md', path.join(root, 'policies/encryption.md'));
    const result = await checkRoot(root);
    expect(findingsOf(result, 'policies/encryption.md')).toBe('0 errors, 0 warnings, 0 info\n');
    expect(result.model?.policies.map((p) => p.id)).toEqual(['access-control', 'encryption']);
  });
});

describe('bad input in the roster and evident.yaml', () => {
  it('reports an alias bomb in people.yaml and still checks the documents', async () => {
    const peopleFile = path.join(root, 'people.yaml');
    const people = await readFile(peopleFile, 'utf8');
    await writeFile(peopleFile, `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n${people}`);
    const result = await checkRoot(root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:1:1 error Unexpected excessive alias expansion, expected at most 100 alias references [parse/alias-limit]']);
    expect(linesOf(result, 'controls/AC-02.md')).toEqual([canaryFinding]);
  });

  it('reports a `__proto__` key in people.yaml at its line', async () => {
    const peopleFile = path.join(root, 'people.yaml');
    await writeFile(peopleFile, (await readFile(peopleFile, 'utf8')).replace('    roles: [engineer]\n', '    roles: [engineer]\n    __proto__: { admin: true }\n'));
    const result = await checkRoot(root);
    expect(linesOf(result, 'people.yaml')).toEqual(['people.yaml:13:5 error Unexpected key `__proto__`, expected a plain data key [parse/forbidden-key]']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(linesOf(result, 'controls/AC-02.md')).toEqual([canaryFinding]);
  });

  it('reports a `__proto__` key in evident.yaml as a config finding and keeps checking', async () => {
    const configFile = path.join(root, 'evident.yaml');
    await writeFile(configFile, `${await readFile(configFile, 'utf8')}__proto__:\n  rules: { schema: 'off' }\n`);
    const result = await checkRoot(root);
    expect(result.configFailed).toBe(false);
    expect(linesOf(result, 'evident.yaml')).toEqual(['evident.yaml:16:1 error Unexpected key `__proto__`, expected a plain data key [config]']);
    expectRestChecked(result);
  });

  it('parses evident.yaml with a BOM and CRLF line endings', async () => {
    const configFile = path.join(root, 'evident.yaml');
    await writeFile(configFile, `\ufeff${(await readFile(configFile, 'utf8')).replace(/\n/g, '\r\n')}`);
    const result = await checkRoot(root);
    expect(result.configFailed).toBe(false);
    expect(result.diagnostics.map((d) => d.file)).toEqual(['controls/AC-02.md']);
  });

  it('refuses to read evident.yaml through a symbolic link that leaves the repository', async () => {
    await writeFile(path.join(parent, 'secrets.yaml'), 'DEPLOY_TOKEN: do-not-print-me\n');
    await rm(path.join(root, 'evident.yaml'));
    await symlink('../secrets.yaml', path.join(root, 'evident.yaml'));
    const error = await readRepository(root).then(
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
    const sentinel = path.join(parent, `evaluated-${language}.txt`);
    const code = `{ id: (globalThis.${marker} = true, require('fs').writeFileSync(${JSON.stringify(sentinel)}, 'evaluated'), 'encryption') }`;
    await write('policies/encryption.md', `---${language}\n${code}\n---\n\n# Encryption Policy\n`);
    const result = await checkRoot(root);
    expect(existsSync(sentinel)).toBe(false);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    const findings = result.diagnostics.filter((d) => d.file === 'policies/encryption.md');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'parse/frontmatter-language', line: 1, column: 1 });
    expect(findings[0]?.message).toMatch(/^Unexpected `(js|javascript)` frontmatter, expected YAML/);
    expectRestChecked(result);
  });

  it.each(['coffee', 'json', 'toml', 'lua'])('refuses `---%s` frontmatter', async (language) => {
    await write('policies/encryption.md', `---${language}\n{"id": "encryption"}\n---\n\n# Encryption Policy\n`);
    const result = await checkRoot(root);
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
    await write('policies/a.md', '');
    await write('policies/b.md', '---\n[\n---\n');
    await write('policies/c.md', Uint8Array.from([0xff, 0xfe, 0x00]));
    await write('policies/d.md', '---js\n1\n---\n');
    await write('controls/e.md', '---\nid: AC-09\n---\n[x](missing.md)\n');
    const result = await checkRoot(root);
    expectEveryFindingPlaced(result.diagnostics);
    expect(new Set(result.diagnostics.map((d) => d.file))).toEqual(new Set(['policies/a.md', 'policies/b.md', 'policies/c.md', 'policies/d.md', 'controls/e.md', 'controls/AC-02.md']));
  });
});

function byLine(a: string, b: string): number {
  const line = (s: string) => Number(/:(\d+):(\d+) /.exec(s)?.[1]) * 1000 + Number(/:(\d+):(\d+) /.exec(s)?.[2]);
  return line(a) - line(b);
}
