/**
 * Whatever the text, parsing and checking never throw, and every finding is
 * placed: a file, and 1-based positions when there are positions.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkRepository } from '../check-repository.js';
import type { Finding } from '../diagnostic.js';
import { decodeText } from '../io/read-text-file.js';
import { readRepository } from '../io/read-repository.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import { createValidators } from '../validate/create-validators.js';
import { fixture, TODAY } from '../../test/check-fixture.js';
import { assertProperty } from '../../test/property-seed.js';
import { parseDocument } from './parse-document.js';

const validators = createValidators();
const runs = { numRuns: 80 };
const checkRuns = { numRuns: 30 };

/** Fragments that stress YAML parsers: indicators, anchors, tags, directives, odd whitespace. */
const yamlToken = fc.constantFrom(
  'id: ', 'title: ', 'criteria:', 'review:\n  cadence: ', 'x', 'CC6.1', 'access-control', '2026-02-30', '1.0', '0x1F', '.inf', '~', 'null', 'yes',
  ' ', '  ', '\t', '\n', '\r\n', '\r', '\ufeff', '\u2028', '\0',
  '- ', '? ', ': ', ',', '[', ']', '{', '}', '"', "'", '|', '|-', '>', '#', '%YAML 1.2\n', '--- ', '---', '...', '\n---\n',
  '&a ', '*a', '<<: *a', '!!str ', '!!binary ', '!custom ', '__proto__', 'constructor', 'prototype', 'toString',
);

const yamlish = fc.array(yamlToken, { maxLength: 40 }).map((tokens) => tokens.join(''));

/** Fragments of Markdown: headings, links, definitions, code fences, HTML, tables. */
const markdownToken = fc.constantFrom(
  '# ', '## ', '### ', 'Purpose', 'Policy', '\n', '\n\n', '\r\n', '[link](', '../policies/a.md', '#anchor', 'https://example.com', ')', '[ref]: ./missing.md\n',
  '![img](x.png)', '```', '~~~', '> ', '* ', '1. ', '| a | b |\n| - | - |\n', '<div>', '</div>', '<!--', '-->', '---\n', '***', '\\', '`', '*', '_', ' ', 'text', '😀', '\u0000',
);

const markdown = fc.oneof(
  fc.array(markdownToken, { maxLength: 40 }).map((tokens) => tokens.join('')),
  fc.string({ maxLength: 200 }),
);

/** Frontmatter and body in every shape: well-delimited, unterminated, or not frontmatter at all. */
const documentText = fc.oneof(
  fc.tuple(yamlish, markdown).map(([front, body]) => `---\n${front}\n---\n${body}`),
  fc.tuple(yamlish, markdown).map(([front, body]) => `---${front}---${body}`),
  fc.tuple(fc.string({ maxLength: 120 }), markdown).map(([front, body]) => `---\n${front}\n---\n${body}`),
  fc.tuple(yamlish, markdown).map(([front, body]) => `${front}\n${body}`),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

const safeKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
const plainValue = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null));
const randomData = fc.dictionary(
  safeKey,
  fc.oneof(plainValue, fc.array(plainValue, { maxLength: 4 }), fc.dictionary(safeKey, plainValue, { maxKeys: 4 })),
  { minKeys: 1, maxKeys: 8 },
);

function expectPlaced(findings: readonly Finding[], file?: string): void {
  for (const f of findings) {
    expect(typeof f.file).toBe('string');
    expect(f.file.length).toBeGreaterThan(0);
    if (file !== undefined) expect(f.file).toBe(file);
    if (f.line !== undefined) expect(Number.isInteger(f.line) && f.line >= 1).toBe(true);
    if (f.column !== undefined) expect(Number.isInteger(f.column) && f.column >= 1).toBe(true);
    if (f.endLine !== undefined) expect(f.endLine >= (f.line ?? 1)).toBe(true);
    for (const r of f.related ?? []) if (r.line !== undefined) expect(r.line >= 1).toBe(true);
  }
}

describe('parseDocument on arbitrary input', () => {
  it('never throws and places every finding in the file', () => {
    assertProperty(
      fc.property(documentText, fc.constantFrom('policy' as const, 'control' as const), (text, kind) => {
        const result = parseDocument({ path: 'policies/fuzz.md', text }, kind);
        expectPlaced(result.findings, 'policies/fuzz.md');
        if (result.document) {
          expect(result.document.bodyLineOffset).toBeGreaterThanOrEqual(0);
          const lines = text.split(/\r\n|\r|\n/).length;
          for (const { line } of [...result.document.outline.headings, ...result.document.outline.links]) {
            expect(line).toBeGreaterThan(result.document.bodyLineOffset);
            expect(line).toBeLessThanOrEqual(lines);
          }
          if (result.document.data) for (const key of ['__proto__', 'constructor', 'prototype']) expect(Object.keys(result.document.data)).not.toContain(key);
        }
      }),
      runs,
    );
  });

  it('never throws on random bytes, decoded strictly or leniently', () => {
    assertProperty(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, frontmatter) => {
        const framed = frontmatter ? Uint8Array.from([...Buffer.from('---\n'), ...bytes, ...Buffer.from('\n---\n')]) : bytes;
        const decoded = decodeText(framed, 'policies/bytes.md');
        if (decoded.finding) expectPlaced([decoded.finding], 'policies/bytes.md');
        else expectPlaced(parseDocument(decoded.file, 'policy').findings, 'policies/bytes.md');
        const lenient = new TextDecoder().decode(framed);
        expectPlaced(parseDocument({ path: 'policies/bytes.md', text: lenient }, 'policy').findings, 'policies/bytes.md');
      }),
      runs,
    );
  });

  it('reads back any plain data written as YAML frontmatter', () => {
    assertProperty(
      fc.property(randomData, markdown, (data, body) => {
        const text = `---\n${stringify(data)}---\n${body}`;
        const result = parseDocument({ path: 'policies/data.md', text }, 'policy');
        expect(result.findings).toEqual([]);
        expect(result.document?.data).toEqual(data);
      }),
      runs,
    );
  });
});

describe('checkRepository on arbitrary input', () => {
  let base: RepositorySnapshot;
  beforeAll(async () => {
    base = await readRepository(fixture('schema', 'ok'), { validators });
  });

  const check = (snapshot: RepositorySnapshot) => {
    const result = checkRepository(snapshot, { today: TODAY, validators });
    expectPlaced(result.diagnostics);
    for (const d of result.diagnostics) {
      expect(['error', 'warning', 'info']).toContain(d.severity);
      expect(d.message.length).toBeGreaterThan(0);
    }
    return result;
  };

  it('never throws whatever the policies and controls say', () => {
    assertProperty(
      fc.property(fc.array(documentText, { maxLength: 3 }), fc.array(documentText, { maxLength: 3 }), (policies, controls) => {
        check({
          ...base,
          policies: [...base.policies, ...policies.map((text, i) => ({ path: `policies/fuzz-${i}.md`, text }))],
          controls: [...base.controls, ...controls.map((text, i) => ({ path: `controls/FZ-0${i}.md`, text }))],
        });
      }),
      checkRuns,
    );
  });

  it('never throws whatever evident.yaml, the roster and the catalog say', () => {
    const yamlFile = fc.oneof(yamlish, randomData.map((data) => stringify(data)), fc.string({ maxLength: 200 }));
    assertProperty(
      fc.property(fc.option(yamlFile), fc.option(yamlFile), fc.option(yamlFile), (config, people, catalog) => {
        check({
          ...base,
          config: config === null ? base.config : { path: 'evident.yaml', text: config },
          people: people === null ? base.people : { path: 'people.yaml', text: people },
          catalog: catalog === null ? base.catalog : { path: 'frameworks/soc2/criteria.yaml', text: catalog },
        });
      }),
      checkRuns,
    );
  });

  it('never throws on frontmatter with valid shape and random values', () => {
    const policy = fc.record({
      id: fc.oneof(fc.constant('fuzz'), fc.string({ maxLength: 10 })),
      title: fc.string({ maxLength: 20 }),
      version: fc.constantFrom('1.0', '2.1.3', 'x'),
      status: fc.constantFrom('draft', 'approved', 'retired', 'other'),
      owner: fc.constantFrom('ada-lovelace', 'security', 'nobody', ''),
      approvers: fc.array(fc.constantFrom('ada-lovelace', 'grace-hopper', 'security', 'nobody'), { maxLength: 3 }),
      effective_date: fc.constantFrom('2026-07-01', '2026-02-30', 'soon'),
      review: fc.record(
        { cadence: fc.constantFrom('monthly', 'annually', 'never'), last_reviewed: fc.constantFrom('2025-01-31', '2026-11-26', 'x'), next_review: fc.constantFrom('2026-11-25', '2027-01-01') },
        { requiredKeys: ['cadence'] },
      ),
      criteria: fc.array(fc.constantFrom('CC6.1', 'CC6.2', 'A1.1', 'CC9.9', 'bad'), { maxLength: 4 }),
    });
    assertProperty(
      fc.property(policy, markdown, (data, body) => {
        const text = `---\n${stringify(data)}---\n${body}`;
        check({ ...base, policies: [...base.policies, { path: `policies/${data.id || 'fuzz'}.md`.replace(/[^\w./-]/g, '_'), text }] });
      }),
      checkRuns,
    );
  });
});
