/**
 * A fast path for the YAML that tens of thousands of evidence metadata files are written in: one
 * `key: value` per line, plain scalars, flow lists of plain words, full-line comments. What it
 * accepts it reads exactly as the YAML 1.2 core schema does (`parseYaml`); anything else (quotes,
 * nesting, anchors, a value that could be a number, boolean or null other than a plain decimal
 * integer, a duplicate key) returns undefined and the caller parses the text with `parseYaml`. Pure.
 */

/** A key: what precedes the first `: ` of a line. */
const KEY = /^[a-z][a-z0-9_]*$/;
/** Characters a plain scalar may not start with, or that make YAML read it otherwise. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Plain scalars the core schema reads as null, booleans or numbers (other than a small decimal integer). */
const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const WORD = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A decimal integer small enough to be read exactly. */
const INTEGER = /^[0-9]{1,15}$/;
/** Tabs, carriage returns, control characters, byte order marks and line separators: left to the full parser. */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;
const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function parseFlatYaml(text: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const out: Record<string, unknown> = {};
  let empty = true;
  // Line by line, each line taken out of the text once (tens of thousands of files, a few lines each).
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    // A key has no colon, so the line's first `: ` ends it.
    const colon = line.indexOf(': ');
    if (colon < 0) return undefined;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || FORBIDDEN.has(key) || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    const raw = line.slice(colon + 2);
    const value = raw.startsWith('[') ? flowList(raw) : scalar(raw);
    if (value === undefined) return undefined;
    out[key] = value;
    empty = false;
  }
  return empty ? undefined : out;
}

function scalar(raw: string): string | number | undefined {
  if (raw === '' || raw !== raw.trim() || INDICATOR.test(raw) || raw.includes(': ') || raw.includes(' #') || raw.endsWith(':')) return undefined;
  if (INTEGER.test(raw)) return raw.length > 1 && raw.startsWith('0') ? undefined : Number(raw);
  return SPECIAL.test(raw) ? undefined : raw;
}

function flowList(raw: string): string[] | undefined {
  if (!raw.endsWith(']')) return undefined;
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return undefined;
  const items = inner.split(',').map((item) => item.trim());
  return items.every((item) => WORD.test(item) && !SPECIAL.test(item)) ? items : undefined;
}
