import { isAlias, isCollection, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Finding } from '../diagnostic.js';
import { blockPositions, parseBlockYaml } from './parse-block-yaml.js';
import { createLocator, lazyLocator, type Locate } from './yaml-locator.js';

export interface ParsedYaml {
  data: unknown;
  locate: Locate;
  findings: Finding[];
  ok: boolean;
}

/** Keys that could reach an object's prototype if the data were ever merged into plain objects. */
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parse YAML 1.2 (core schema: dates stay strings) with bounded alias expansion,
 * unique keys enforced, and prototype-polluting keys reported and dropped.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  // The common shapes take a fast path that reads them as the full parser would; positions are
  // then found only if a finding asks for one.
  const fast = parseBlockYaml(text);
  if (fast !== undefined) return { data: fast, locate: blockLocator(text), findings: [], ok: true };
  return parseYamlFully(text, file);
}

/**
 * A locator for text the fast path read: keys and one-line values from the fast path's own positions
 * (read again only when first asked), anything else (nested collections, empty values, block scalars,
 * paths that do not exist) from the full parser, parsed only if asked.
 */
export function blockLocator(text: string): Locate {
  let positions: ReturnType<typeof blockPositions> | null = null;
  const full = lazyLocator(text);
  return (path, target = 'value') => {
    positions ??= blockPositions(text) ?? new Map();
    const entry = path.length > 0 ? positions.get(path.map(String).join('\0')) : undefined;
    const found = target === 'key' ? entry?.key : entry?.value;
    return found ? { ...found } : full(path, target);
  };
}

/** parseYaml without the fast path: what the fast path is held to. */
export function parseYamlFully(text: string, file: string): ParsedYaml {
  const counter = new LineCounter();
  const findings: Finding[] = [];
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core', logLevel: 'error' });
  } catch (error) {
    const message = (error as Error).message;
    findings.push(/call stack/i.test(message) ? { ruleId: 'parse/nesting-limit', message: nestingMessage(), file, line: 1 } : { ruleId: 'parse/yaml', message: `Unexpected YAML, expected a parsable document: ${firstLine(message)}`, file, line: 1 });
    return { data: undefined, locate: () => ({ line: 1, column: 1 }), findings, ok: false };
  }
  const locate = createLocator(doc, counter);
  let nestingReported = false;
  for (const error of doc.errors) {
    const pos = counter.linePos(error.pos[0]);
    if (error.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(error.message)) {
      // The parser ran out of stack: say what the document does, not what the engine felt.
      if (!nestingReported) findings.push({ ruleId: 'parse/nesting-limit', message: nestingMessage(), file, line: pos.line, column: pos.col });
      nestingReported = true;
      continue;
    }
    const duplicate = error.code === 'DUPLICATE_KEY';
    findings.push({
      ruleId: duplicate ? 'parse/duplicate-key' : 'parse/yaml',
      message: duplicate ? `Unexpected duplicate key ${duplicateKeyName(doc, text, error.pos[0])}, expected each key once per mapping (the last value is used)` : `Unexpected YAML syntax, expected valid YAML: ${firstLine(error.message)}`,
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  // A repeated key is reported and its last value used: one slip does not hide the rest of the file.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { data: undefined, locate, findings, ok: false };
  const deepest = nestingDepth(doc.contents);
  if (deepest > MAX_NESTING) {
    findings.push({ ruleId: 'parse/nesting-limit', message: nestingMessage(deepest), file, line: 1 });
    return { data: undefined, locate, findings, ok: false };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
    if (/call stack/i.test(message)) {
      findings.push({ ruleId: 'parse/nesting-limit', message: nestingMessage(), file, line: 1 });
      return { data: undefined, locate, findings, ok: false };
    }
    const aliasBomb = /alias/i.test(message);
    findings.push({
      ruleId: aliasBomb ? 'parse/alias-limit' : 'parse/yaml',
      message: aliasBomb ? 'Unexpected excessive alias expansion, expected at most 100 alias references' : `Unexpected YAML content: ${firstLine(message)}`,
      file,
      line: 1,
    });
    return { data: undefined, locate, findings, ok: false };
  }
  data = dropForbiddenKeys(data, [], (path) => {
    findings.push({ ruleId: 'parse/forbidden-key', message: `Unexpected key \`${String(path[path.length - 1])}\`, expected a plain data key`, file, ...locate(path, 'key') });
  });
  return { data, locate, findings, ok: true };
}

function dropForbiddenKeys(value: unknown, path: (string | number)[], onForbidden: (path: (string | number)[]) => void): unknown {
  if (Array.isArray(value)) return value.map((item, i) => dropForbiddenKeys(item, [...path, i], onForbidden));
  if (value === null || typeof value !== 'object') return value;
  const clean: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (forbiddenKeys.has(key)) {
      onForbidden([...path, key]);
      continue;
    }
    clean[key] = dropForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], onForbidden);
  }
  return clean;
}

/** How deeply lists and mappings may nest: far beyond any real file, well within what the parser and validators can walk. */
const MAX_NESTING = 100;

function nestingMessage(depth?: number): string {
  return `Unexpected lists and mappings nested ${depth === undefined ? 'too deeply to read' : `${depth} levels deep`}, expected at most ${MAX_NESTING} levels`;
}

/** The deepest nesting of collections under a node, walked without recursion. */
function nestingDepth(root: unknown): number {
  let deepest = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isCollection(node)) {
      deepest = Math.max(deepest, depth + 1);
      if (deepest > MAX_NESTING) return deepest;
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return deepest;
}

/** The repeated key an error at `offset` is about, in backticks, read from the key's node. */
function duplicateKeyName(doc: Document, text: string, offset: number): string {
  let found: string | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && found === undefined) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    for (const item of node.items) {
      if (isPair(item)) {
        const key = item.key;
        const range = (key as { range?: [number, number, number] } | null)?.range;
        if (range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1)) {
          found = isScalar(key) ? String(key.value) : isAlias(key) ? `*${key.source}` : text.slice(range[0], range[1]);
          break;
        }
        stack.push(item.value);
      } else stack.push(item);
    }
  }
  return found === undefined ? 'in this mapping' : `\`${found.replace(/`/g, "'")}\``;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/`/g, "'");
}
