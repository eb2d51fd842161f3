/**
 * A fast path for the YAML that tens of thousands of evidence metadata files are written in: one
 * `key: value` per line, plain scalars, flow lists of plain words, full-line comments. What it
 * accepts it reads exactly as the YAML 1.2 core schema does (`parseYaml`); anything else (quotes,
 * nesting, anchors, a value that could be a number, boolean or null other than a plain decimal
 * integer, a duplicate key) returns undefined and the caller parses the text with `parseYaml`. Pure.
 *
 * One pass over the characters, line by line, and no regular expression for what most values are:
 * this runs once per metadata file, and the pull-request gate reads every one of them.
 */

/** Plain scalars the core schema reads as null, booleans or numbers (other than a small decimal integer). */
const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Characters a plain scalar may not start with, or that make YAML read it otherwise. */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
/** The first characters SPECIAL can match: a value starting otherwise is not tested against it. */
const SPECIAL_STARTS = '~nNtTfF+.-';
const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * The keys evidence metadata is written with, by length: a line's key is taken from here when it is
 * one of them rather than cut from the text, which saves looking up a new string for each key of
 * every file. Any other key is read the same way, only cut from the text.
 */
const KNOWN_KEYS: ReadonlyMap<number, readonly string[]> = byLength(['controls', 'covers', 'collected_at', 'collected_by', 'source', 'sha256', 'size', 'description', 'event', 'events']);

const NEWLINE = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export function parseFlatYaml(text: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let empty = true;
  const length = text.length;
  for (let start = 0; start < length; ) {
    const first = text.charCodeAt(start);
    if (first === NEWLINE) {
      start += 1;
      continue;
    }
    if (first === HASH) {
      // A full-line comment: only its characters are checked.
      let end = start + 1;
      for (; end < length; end += 1) {
        const c = text.charCodeAt(end);
        if (c === NEWLINE) break;
        if (unusual(c)) return undefined;
      }
      start = end + 1;
      continue;
    }
    // A key is `[a-z][a-z0-9_]*`, and the line's first `: ` ends it.
    if (!lowercase(first)) return undefined;
    let colon = start + 1;
    while (colon < length && keyPart(text.charCodeAt(colon))) colon += 1;
    if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) return undefined;
    const key = knownKey(text, start, colon) ?? text.slice(start, colon);
    if (FORBIDDEN.has(key) || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    // The value: no unusual character, no `: ` or ` #` inside (a mapping or a comment), no `:` at its end.
    const from = colon + 2;
    let end = from;
    for (let previous = 0; end < length; end += 1) {
      const c = text.charCodeAt(end);
      if (c === NEWLINE) break;
      if (unusual(c) || (previous === COLON && c === SPACE) || (previous === SPACE && c === HASH)) return undefined;
      previous = c;
    }
    if (end === from || text.charCodeAt(end - 1) === COLON) return undefined;
    const value = text.charCodeAt(from) === OPEN_BRACKET ? flowList(text, from, end) : scalar(text.slice(from, end));
    if (value === undefined) return undefined;
    out[key] = value;
    empty = false;
    start = end + 1;
  }
  return empty ? undefined : out;
}

/** A plain scalar other than null, a boolean or a number, or a small decimal integer; undefined for anything else. */
function scalar(raw: string): string | number | undefined {
  const first = raw.charCodeAt(0);
  if (trimmable(raw, first) || INDICATORS.includes(raw[0]!)) return undefined;
  if (digit(first)) {
    if (integer(raw)) return raw.length > 1 && first === 0x30 ? undefined : Number(raw);
    return SPECIAL.test(raw) ? undefined : raw;
  }
  return SPECIAL_STARTS.includes(raw[0]!) && SPECIAL.test(raw) ? undefined : raw;
}

/** A flow list of plain words (`[AC-01, HR-02]`) from `from` to `end` in `text`; undefined for anything else. */
function flowList(text: string, from: number, end: number): string[] | undefined {
  if (text.charCodeAt(end - 1) !== CLOSE_BRACKET) return undefined;
  const items: string[] = [];
  for (let at = from + 1; at < end; ) {
    let next = text.indexOf(',', at);
    if (next < 0 || next > end - 1) next = end - 1;
    // An item with the spaces around it left out: a word, not null, a boolean or a number.
    let first = at;
    let last = next;
    while (first < last && text.charCodeAt(first) === SPACE) first += 1;
    while (last > first && text.charCodeAt(last - 1) === SPACE) last -= 1;
    if (!word(text, first, last)) return undefined;
    const item = text.slice(first, last);
    if (SPECIAL_STARTS.includes(item[0]!) || digit(item.charCodeAt(0)) ? SPECIAL.test(item) : false) return undefined;
    items.push(item);
    // After a comma before `]` the loop runs once more, on an empty item.
    at = next + 1;
  }
  return items.length > 0 ? items : undefined;
}

/** `[A-Za-z0-9][A-Za-z0-9._-]*` from `first` to `last`. */
function word(text: string, first: number, last: number): boolean {
  if (first === last || !alphanumeric(text.charCodeAt(first))) return false;
  for (let i = first + 1; i < last; i += 1) {
    const c = text.charCodeAt(i);
    if (!alphanumeric(c) && c !== 0x2e && c !== 0x5f && c !== 0x2d) return false;
  }
  return true;
}

/** A decimal integer small enough to be read exactly: 1 to 15 digits. */
function integer(raw: string): boolean {
  if (raw.length > 15) return false;
  for (let i = 0; i < raw.length; i += 1) if (!digit(raw.charCodeAt(i))) return false;
  return true;
}

/** Whether `trim` would change the value: only asked of the full test when an end is a space or outside ASCII. */
function trimmable(raw: string, first: number): boolean {
  const last = raw.charCodeAt(raw.length - 1);
  return (first <= SPACE || last <= SPACE || first > 0x7e || last > 0x7e) && raw !== raw.trim();
}

/** Tabs, carriage returns, control characters, byte order marks and line separators: left to the full parser. */
function unusual(c: number): boolean {
  return (c < SPACE && c !== NEWLINE) || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

function lowercase(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function digit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function alphanumeric(c: number): boolean {
  return digit(c) || lowercase(c) || (c >= 0x41 && c <= 0x5a);
}

/** A character of a key after its first: `[a-z0-9_]`. */
function keyPart(c: number): boolean {
  return lowercase(c) || digit(c) || c === 0x5f;
}

function knownKey(text: string, start: number, end: number): string | undefined {
  const candidates = KNOWN_KEYS.get(end - start);
  if (candidates) for (const key of candidates) if (text.startsWith(key, start)) return key;
  return undefined;
}

function byLength(keys: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const key of keys) out.set(key.length, [...(out.get(key.length) ?? []), key]);
  return out;
}
