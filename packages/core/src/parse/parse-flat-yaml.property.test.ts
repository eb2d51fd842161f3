import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assertProperty } from '../../test/property-seed.js';
import { renderEvidenceMetadata } from '../evidence-items/add-evidence-item.js';
import { parseFlatYaml } from './parse-flat-yaml.js';
import { parseYaml } from './parse-yaml.js';

/** Values that look alike but read differently in YAML: numbers, booleans, nulls, indicators, comments. */
const tricky = fc.constantFrom(
  '2026', '2026-Q3', '2026-07-15', '2026-10-02T09:30:00Z', '0', '007', '1e5', '0x1F', '0o17', '+12', '-3', '.5', '.inf', '.NaN', '~', 'null', 'Null', 'true', 'False',
  'a: b', 'a #b', 'a#b', 'url: http://x', 'x:', ':x', '-x', '- x', '[x]', '{x}', "'q'", '"q"', '&a', '*a', '!t', '|', '>', '%d', '@x', '`x`', 'plain text, with commas',
  'AC-01', 'ada-lovelace', '9a0f7e3b8c2d41e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b', '1234e56', 'x ', ' x', 'é ünïcode', 'tab\there', 'a\u00a0b', '123456789012345678',
);
const key = fc.constantFrom('controls', 'covers', 'collected_at', 'collected_by', 'source', 'sha256', 'size', 'description', 'event', 'Key', '__proto__', 'a_b');
const listItem = fc.constantFrom('AC-01', 'HR-02', 'x', '1', '007', 'true', 'a b', '', 'ok.v1', '1e5');
const plain = fc.constantFrom('2026', '2026-Q3', '2026-10-02', 'bob', 'Monthly export', 'AC-01', '12', 'a#b', 'x:y', 'é');
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, plain).map(([k, v]) => `${k}: ${v}`) },
  fc.tuple(key, tricky).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(key, fc.array(listItem, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ')).map(([k, items, sep]) => `${k}: [${items.join(sep)}]`),
  fc.constantFrom('# comment', '', '  nested: x', '---', 'key:', 'key:  two spaces', '- item'),
);
const documents = fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n') + '\n');

describe('parseFlatYaml', () => {
  let accepted = 0;
  it('reads what it accepts exactly as the YAML 1.2 core schema does, and gives up on the rest', () => {
    assertProperty(
      fc.property(documents, (text) => {
        const fast = parseFlatYaml(text);
        if (fast === undefined) return;
        accepted += 1;
        const full = parseYaml(text, 'x.yaml');
        expect(full.findings).toEqual([]);
        expect(fast).toEqual(full.data);
      }),
      { numRuns: 3000 },
    );
    // The property is about accepted documents: enough of them must come up.
    expect(accepted).toBeGreaterThan(100);
  });

  it('accepts what `evident evidence add` writes', () => {
    const text = renderEvidenceMetadata(
      { controls: ['AC-01', 'HR-02'], covers: '2026-Q3', collected_at: '2026-10-02T09:30:00Z', collected_by: 'ada-lovelace', source: 'Identity provider export', sha256: 'f'.repeat(64), description: 'Signed: quarterly review' },
      '../../../schemas/evidence-item.schema.json',
    );
    const fast = parseFlatYaml(text.replace('description: "Signed: quarterly review"\n', ''));
    expect(fast).toEqual({ controls: ['AC-01', 'HR-02'], covers: '2026-Q3', collected_at: '2026-10-02T09:30:00Z', collected_by: 'ada-lovelace', source: 'Identity provider export', sha256: 'f'.repeat(64) });
    expect(parseFlatYaml('controls: [AC-01]\ncovers: 2026\nsize: 12\n')).toEqual({ controls: ['AC-01'], covers: 2026, size: 12 });
    expect(parseFlatYaml('covers: 2026\ncovers: 2027\n')).toBeUndefined();
  });

  it('gives up on lists, comments and values the full parser must read', () => {
    expect(parseFlatYaml('controls: [ AC-01 ,HR-02]\n# note\n')).toEqual({ controls: ['AC-01', 'HR-02'] });
    for (const text of ['controls: [AC-01,]', 'controls: []', 'controls: [ ]', 'controls: [AC-01', 'controls: [1e5]', 'controls: [true]', 'controls: [a b]']) {
      expect(parseFlatYaml(text)).toBeUndefined();
    }
    for (const text of ['# a\tcomment\nkey: x', 'key: x:', 'key: a: b', 'key: a #b', 'key:  x', 'key: x ', 'key: -x', 'Key: x', 'key:x', 'key: x\r\n', 'constructor: x', 'key: 007', 'key: 1234567890123456']) {
      expect(parseFlatYaml(text)).toBeUndefined();
    }
    expect(parseFlatYaml('key: a#b\nother: x:y\nn: 0\n')).toEqual({ key: 'a#b', other: 'x:y', n: 0 });
  });
});
