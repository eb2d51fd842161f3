import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertProperty } from '../../test/property-seed.js';
import { parseBlockYaml } from './parse-block-yaml.js';
import { LineCounter, parseDocument } from 'yaml';
import { blockLocator, parseYaml, parseYamlFully } from './parse-yaml.js';
import { createLocator } from './yaml-locator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Scalars that look alike but read differently in YAML: numbers, booleans, nulls, dates, indicators, comments, quotes, unicode. */
const tricky = fc.constantFrom(
  'annually', 'Access Control Policy', 'dana-whitfield', 'CC6.1', '2026', '2026-07-01', '2026-10-02T09:30:00Z', '0', '1', '30', '007', '01', '1.0', '1.1', '1.50', '0.5', '-1', '+1', '1e3', '1_000',
  '0x1F', '0o17', '.5', '.inf', '-.Inf', '.NaN', '~', 'null', 'Null', 'NULL', 'true', 'True', 'FALSE', 'yes', 'no', 'on', 'Off', 'y', 'N', '123456789012345678', '1.1234567',
  'a: b', 'a:b', 'x:', ':x', 'a #b', 'a#b', '#x', 'url: http://x', 'http://x.y/z?a=b#c', '-x', '- x', '?x', '? x', '[x]', 'a [x]', '{x}', 'a {x}', 'a, b', 'a]', 'a}', '&a', '*a', '!t', '!!str x', '|', '>', '%d', '@x', '`x`',
  "it's", "''", 'say "hi"', '"', 'a\\b', 'C:\\x', 'é ünïcode ✓', '日本語', 'emoji 🙂', 'a  b', 'x ', ' x', '', ' ', 'tab\there', 'a\u00a0b', 'cr\rx', 'a\u2028b',
);
/** Mostly words as frontmatter has them, often enough something else. */
const benign = fc.constantFrom('annually', 'Access Control Policy', 'dana-whitfield', 'CC6.1', 'AC-01', '2026-07-01', '30', '1.0', 'true', 'Identity provider export, signed', 'é ünïcode');
const text = fc.oneof({ weight: 3, arbitrary: benign }, { weight: 2, arbitrary: tricky });
const anyKey = fc.constantFrom('id', 'title', 'owner', 'criteria', 'review', 'cadence', 'evidence', 'description', 'a_b', 'Key', 'x.y', 'k-2', 'true', 'null', 'Null', '1', '1.5', '__proto__', 'constructor', 'with space', 'é', 'a:b', '-k', '"q"', 'id');
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('id', 'title', 'owner', 'criteria', 'review', 'cadence', 'evidence', 'description', 'source', 'within_days') }, { weight: 1, arbitrary: anyKey });

/** A scalar as it may be written: plain, double or single quoted, with or without a trailing comment. */
const scalar = fc.tuple(text, fc.constantFrom('plain', 'plain', 'double', 'single'), fc.constantFrom('', '', '', '  # note', ' #c', '#c', '   ')).map(([value, style, tail]) => {
  const written = style === 'double' ? `"${value}"` : style === 'single' ? `'${value.replace(/'/g, "''")}'` : value;
  return written + tail;
});
const flowList = fc.tuple(fc.array(text, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ')).map(([items, sep]) => `[${items.join(sep)}]`);
const flowMap = fc.array(fc.tuple(key, text), { maxLength: 3 }).map((entries) => `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
const inline = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 2, arbitrary: flowList }, { weight: 1, arbitrary: flowMap });
const blockScalar = fc.tuple(fc.constantFrom('>-', '>', '|', '|-', '>+', '|2', '> # c'), fc.array(fc.constantFrom('Some words here', 'more, text: with colon', '# not a comment', '  indented more', '', 'x ', 'last line'), { minLength: 1, maxLength: 4 }));

type Tree = { kind: 'inline'; value: string } | { kind: 'block'; header: string; lines: string[] } | { kind: 'map'; entries: [string, Tree][] } | { kind: 'seq'; items: Tree[] } | { kind: 'empty' };

const { tree } = fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: inline.map((value): Tree => ({ kind: 'inline', value })) },
    { weight: 1, arbitrary: blockScalar.map(([header, lines]): Tree => ({ kind: 'block', header, lines })) },
    { weight: 1, arbitrary: fc.constant<Tree>({ kind: 'empty' }) },
    { weight: 2, arbitrary: tie('map') },
    { weight: 2, arbitrary: tie('seq') },
  ),
  map: fc.array(fc.tuple(key, tie('tree')), { minLength: 1, maxLength: 4 }).map((entries): Tree => ({ kind: 'map', entries })),
  seq: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((items): Tree => ({ kind: 'seq', items })),
}));

/** Render a mapping's entries at `indent`, with `step` spaces more for nested blocks; `dash` puts the first entry after `- `. */
function renderMap(entries: [string, Tree][], indent: number, step: number, sameIndentSeq: boolean, firstPrefix?: string): string[] {
  const out: string[] = [];
  entries.forEach(([k, value], index) => {
    const prefix = index === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
    out.push(...renderValue(`${prefix}${k}:`, value, indent, step, sameIndentSeq));
  });
  return out;
}

function renderValue(head: string, value: Tree, indent: number, step: number, sameIndentSeq: boolean): string[] {
  switch (value.kind) {
    case 'inline':
      return [`${head} ${value.value}`];
    case 'empty':
      return [head];
    case 'block':
      return [`${head} ${value.header}`, ...value.lines.map((line) => (line === '' ? '' : ' '.repeat(indent + step) + line))];
    case 'map':
      return [head, ...renderMap(value.entries, indent + step, step, sameIndentSeq)];
    case 'seq':
      return [head, ...renderSeq(value.items, sameIndentSeq ? indent : indent + step, step, sameIndentSeq)];
  }
}

function renderSeq(items: Tree[], indent: number, step: number, sameIndentSeq: boolean): string[] {
  const out: string[] = [];
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (item.kind === 'map') out.push(...renderMap(item.entries, indent + 2, step, sameIndentSeq, `${pad}- `));
    else if (item.kind === 'inline') out.push(`${pad}- ${item.value}`);
    else if (item.kind === 'empty') out.push(`${pad}-`);
    else if (item.kind === 'block') out.push(`${pad}- ${item.header}`, ...item.lines.map((line) => (line === '' ? '' : ' '.repeat(indent + 2) + line)));
    else out.push(`${pad}-`, ...renderSeq(item.items, indent + 2, step, sameIndentSeq));
  }
  return out;
}

/** Lines slipped in between: comments, blank lines, and things the fast path must leave alone. */
const extra = fc.constantFrom('# comment', '  # indented comment', '', '   ', '    continued plain', 'a: &anchor 1', 'b: *anchor', 'c: !!str 1', '\tx: 1', '...', '---', '- stray', 'x: "unterminated', '%YAML 1.2', 'id: repeated');

const documents = fc
  .tuple(
    fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 6 }),
    fc.constantFrom(1, 2, 2, 4),
    fc.boolean(),
    fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, fc.array(fc.tuple(fc.nat(), extra), { maxLength: 2 })),
    fc.constantFrom('', '', '\n', '\n\n', '\n# trailing'),
    fc.constantFrom('', '', '# yaml-language-server: $schema=../schemas/policy.schema.json\n', '\n'),
  )
  .map(([entries, step, sameIndentSeq, extras, end, start]) => {
    const lines = renderMap(entries, 0, step, sameIndentSeq);
    for (const [at, line] of extras) lines.splice(at % (lines.length + 1), 0, line);
    return start + lines.join('\n') + end;
  });

/** The same data, in the same key order, with the same types. */
function expectSame(fast: unknown, full: unknown): void {
  expect(fast).toStrictEqual(full);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
}

function frontmatterOf(file: string): string {
  const content = readFileSync(file, 'utf8');
  return content.slice(3, content.indexOf('\n---', 3));
}

describe('parseBlockYaml', () => {
  it('reads what it accepts exactly as the full YAML 1.2 core schema parser does, and gives up on the rest', () => {
    let accepted = 0;
    assertProperty(
      fc.property(documents, (document) => {
        const fast = parseBlockYaml(document);
        if (fast === undefined) return;
        accepted += 1;
        const full = parseYamlFully(document, 'x.yaml');
        expect(full.findings).toEqual([]);
        expect(full.ok).toBe(true);
        expectSame(fast, full.data);
      }),
      { numRuns: 4000 },
    );
    // The property is about accepted documents: enough of them must come up.
    expect(accepted).toBeGreaterThan(400);
  });

  it("locates every key and value of what it accepts where the full parser's locator does", () => {
    let compared = 0;
    assertProperty(
      fc.property(documents, (document) => {
        const fast = parseBlockYaml(document);
        if (fast === undefined) return;
        const counter = new LineCounter();
        const full = createLocator(parseDocument(document, { lineCounter: counter }), counter);
        const locate = blockLocator(document);
        const paths: (string | number)[][] = [[], ['missing'], [Object.keys(fast)[0]!, 'missing'], [Object.keys(fast)[0]!, 7]];
        const walk = (value: unknown, path: (string | number)[]): void => {
          paths.push(path);
          if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
          else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
        };
        for (const [k, v] of Object.entries(fast)) walk(v, [k]);
        for (const path of paths) {
          for (const target of ['key', 'value'] as const) {
            expect([path, target, locate(path, target)]).toEqual([path, target, full(path, target)]);
            compared += 1;
          }
        }
      }),
      { numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it('parseYaml answers as the full parser does, fast path or not', () => {
    assertProperty(
      fc.property(documents, (document) => {
        const fast = parseYaml(document, 'x.yaml');
        const full = parseYamlFully(document, 'x.yaml');
        expect(fast.ok).toBe(full.ok);
        expect(fast.findings).toEqual(full.findings);
        if (full.ok) expectSame(fast.data, full.data);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads this repository's policies, controls, roster and criteria catalog without the full parser", () => {
    const files = ['policies', 'controls'].flatMap((folder) => readdirSync(path.join(root, folder)).map((name) => path.join(root, folder, name)));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const frontmatter = frontmatterOf(file);
      const fast = parseBlockYaml(frontmatter);
      expect([file, fast === undefined]).toEqual([file, false]);
      expectSame(fast, parseYamlFully(frontmatter, file).data);
    }
    for (const name of ['evident.yaml', 'people.yaml', 'frameworks/soc2/criteria.yaml']) {
      const content = readFileSync(path.join(root, name), 'utf8');
      const fast = parseBlockYaml(content);
      expect([name, fast === undefined]).toEqual([name, false]);
      expectSame(fast, parseYamlFully(content, name).data);
    }
  });

  it('reads the common frontmatter shapes', () => {
    const document = [
      '# yaml-language-server: $schema=../schemas/control.schema.json',
      'id: AC-01',
      'title: "Quarterly review: production"',
      "note: 'it''s # not a comment'",
      'version: "1.0"',
      'number: 1.0',
      'count: 30 # days',
      'effective_date: 2026-07-01',
      'criteria: [CC6.2, CC6.3]',
      'none: []',
      'days: { critical: 7, high: 30 }',
      'flag: true',
      'nothing:',
      'review:',
      '  cadence: annually',
      '  next_review: 2027-06-15',
      'evidence:',
      '  - description: Access review, signed',
      '    collection: manual',
      '  - plain item',
      'list:',
      '- a',
      '- b',
      'source: >-',
      '  folded',
      '  text',
      'literal: |',
      '  line one',
      '    indented',
      '',
      'unicode: é ünïcode ✓ 🙂',
    ].join('\n');
    const fast = parseBlockYaml(document);
    expect(fast).toEqual({
      id: 'AC-01',
      title: 'Quarterly review: production',
      note: "it's # not a comment",
      version: '1.0',
      number: 1,
      count: 30,
      effective_date: '2026-07-01',
      criteria: ['CC6.2', 'CC6.3'],
      none: [],
      days: { critical: 7, high: 30 },
      flag: true,
      nothing: null,
      review: { cadence: 'annually', next_review: '2027-06-15' },
      evidence: [{ description: 'Access review, signed', collection: 'manual' }, 'plain item'],
      list: ['a', 'b'],
      source: 'folded text',
      literal: 'line one\n  indented\n',
      unicode: 'é ünïcode ✓ 🙂',
    });
    expectSame(fast, parseYamlFully(document, 'x.yaml').data);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x'],
    ['a tag', 'a: !!str 1'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['a prototype key', '__proto__: 1'],
    ['a tab', 'a:\tb'],
    ['a carriage return', 'a: b\r\nc: d'],
    ['a multi-line plain scalar', 'a: one\n  two'],
    ['a multi-line quoted scalar', 'a: "one\n  two"'],
    ['an escape', 'a: "one\\ttwo"'],
    ['a nested flow collection', 'a: [b, [c]]'],
    ['a multi-line flow list', 'a: [b,\n  c]'],
    ['a blank line inside a block scalar', 'a: |\n  one\n\n  two\nb: 1'],
    ['a clipped block scalar at the end', 'a: >\n  one'],
    ['keep chomping', 'a: |+\n  one\n'],
    ['a number with an exponent', 'a: 1e3'],
    ['a negative number', 'a: -1'],
    ['a leading zero', 'a: 007'],
    ['a number key', '1: a'],
    ['a boolean key', 'true: a'],
    ['a list at the top', '- a\n- b'],
    ['a scalar at the top', 'just text'],
    ['an empty document', '# only a comment\n'],
    ['a second document', 'a: 1\n---\nb: 2'],
    ['a directive', '%YAML 1.2\n---\na: 1'],
    ['a value indented under a list item', 'a:\n  - b\n    c: 1'],
  ])('leaves %s to the full parser', (_, document) => {
    expect(parseBlockYaml(document)).toBeUndefined();
  });

  it('keeps findings located: a document read on the fast path still names line and column', () => {
    const document = 'id: AC-01\nreview:\n  cadence: annually\n  owner: someone\n';
    const parsed = parseYaml(document, 'controls/AC-01.md');
    expect(parsed.ok).toBe(true);
    expect(parsed.locate(['review', 'owner'], 'key')).toMatchObject({ line: 4, column: 3 });
    expect(parsed.locate(['review', 'cadence'])).toMatchObject({ line: 3, column: 12 });
  });
});
