import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Finding } from '../diagnostic.js';
import { createLocator, type Locate } from './yaml-locator.js';

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
  const counter = new LineCounter();
  const findings: Finding[] = [];
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core', logLevel: 'error' });
  } catch (error) {
    findings.push({ ruleId: 'parse/yaml', message: `Unexpected YAML, expected a parsable document: ${(error as Error).message}`, file, line: 1 });
    return { data: undefined, locate: () => ({ line: 1, column: 1 }), findings, ok: false };
  }
  const locate = createLocator(doc, counter);
  for (const error of doc.errors) {
    const pos = counter.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    findings.push({
      ruleId: duplicate ? 'parse/duplicate-key' : 'parse/yaml',
      message: duplicate ? 'Unexpected duplicate key, expected each key once per mapping' : `Unexpected YAML syntax, expected valid YAML: ${firstLine(error.message)}`,
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  if (doc.errors.length > 0) return { data: undefined, locate, findings, ok: false };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
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

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/`/g, "'");
}
