/**
 * Text after the opening `---` names a frontmatter language. Whatever it is, the document gives a
 * finding and never throws: counterexamples found by the parse property tests with random seeds
 * (scripts/property-seeds.mjs), kept as regression tests.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDocument } from './parse-document.js';

const language = (text: string) => parseDocument({ path: 'policies/fuzz.md', text }, 'policy');

describe('frontmatter languages', () => {
  it.each([
    ['---"\nid: \n---\n---', '`"`'], // EVIDENT_PROPERTY_SEED=-2095872539
    ['---"---\r\n[ref]: ./missing.md\n---\n', '`"---`'], // -1606648476
    ['---__proto__\nid: \n---\n---', '`__proto__`'], // -340226499
    ['---constructor\nid: x\n---\n', '`constructor`'],
    ['---toString\nid: x\n---\n', '`toString`'],
    ['---"------\n😀\r\n---\n', '`"------`'], // 246840311
    ['---`x`\nid: x\n---\n', '`` `x` ``'],
    ['---markdown\nid: x\n---\n', '`markdown`'],
    ['---yml\nid: x\n---\n', '`yml`'],
    ['---YAML\nid: x\n---\n', '`YAML`'],
  ])('reports %j as a frontmatter language it does not read', (text, named) => {
    expect(language(text)).toEqual({ document: undefined, findings: [{ ruleId: 'parse/frontmatter-language', message: `Unexpected ${named} frontmatter, expected YAML`, file: 'policies/fuzz.md', line: 1, column: 1 }] });
  });

  it.each(['---yaml\nid: x\n---\n', '---  \nid: x\n---\n', '---\r\nid: x\r\n---\r\n'])('reads %j as YAML', (text) => {
    const result = language(text);
    expect(result.findings).toEqual([]);
    expect(result.document?.data).toEqual({ id: 'x' });
  });

  it.each(['js', 'javascript', 'json', 'toml', 'coffee', 'cson'])('refuses `%s` frontmatter without running it', (name) => {
    expect(language(`---${name}\n{ "id": "x" }\n---\n`).findings).toEqual([expect.objectContaining({ ruleId: 'parse/frontmatter-language', line: 1, column: 1 })]);
  });
});
