/**
 * A fast path for the block YAML that frontmatter, `evident.yaml`, `people.yaml` and framework
 * catalogs are written in: nested mappings and block lists by indentation, `key: value` with plain,
 * single- or double-quoted scalars (no escapes), flow lists and flow mappings of plain scalars, folded or literal
 * block scalars (`>`, `>-`, `|`, `|-`) without blank lines inside, full-line and trailing comments.
 * What it accepts it reads exactly as `parseYaml` (YAML 1.2 core schema) does: same values, same
 * types, same key order. Anything else returns undefined and the caller parses the text with the
 * full parser, which also reports the problems: anchors, aliases, tags, nested flow collections, multi-line
 * plain or quoted scalars, escapes, tabs, carriage returns, duplicate or prototype keys, keys other
 * than plain words, numbers other than small decimals, an empty document or one that is not a
 * mapping. When in doubt it gives up. Pure: the text is data and is never executed.
 */

/** Tabs, carriage returns, control characters, byte order marks and line separators: left to the full parser. */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;
/** `key:` then the end of the line or a space. Keys are plain words starting with a letter. */
const KEY = /^([A-Za-z][A-Za-z0-9_./-]*):(?: (.*))?$/;
/** Characters a plain scalar may not start with here (some could start one, but give up). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Plain scalars the core schema reads as something other than a string. */
const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Numbers read here: a decimal integer without leading zeros, optionally with a short fraction. */
const NUMBER = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?$/;
/** One entry of a flow mapping: ` key: value ` with a plain word key and a plain value. */
const FLOW_ENTRY = /^ *([A-Za-z][A-Za-z0-9_.-]*): +([^ ](?:[^]*[^ ])?) *$/;
const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Far beyond any real file; deeper documents go to the full parser, which reports its limit. */
const MAX_DEPTH = 50;

/** Thrown inside the reader to give up; never escapes it. */
const GIVE_UP = Symbol('give up');

export function parseBlockYaml(text: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    const result = new BlockReader(text.split('\n')).document();
    return Object.keys(result).length > 0 ? result : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

function indentOf(line: string): number {
  let k = 0;
  while (line.charCodeAt(k) === 32) k += 1;
  return k;
}

function isSeqLine(line: string, indent: number): boolean {
  return line.charCodeAt(indent) === 45 /* - */ && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32);
}

/** Where a key and its one-line scalar value are written (1-based, end exclusive, as the full parser's locator gives them). */
export interface BlockPosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Positions of what the fast path reads, by data path (segments joined by NUL): each mapping key, and
 * each scalar or flow collection written on one line. Nested collections, empty values and block
 * scalars have none (the caller asks the full parser). Undefined when the fast path gives up.
 */
export function blockPositions(text: string): Map<string, { key?: BlockPosition; value?: BlockPosition }> | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const positions = new Map<string, { key?: BlockPosition; value?: BlockPosition }>();
  try {
    new BlockReader(text.split('\n'), positions).document();
    return positions;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function at(line: number, column: number, length: number): BlockPosition {
  return { line: line + 1, column: column + 1, endLine: line + 1, endColumn: column + 1 + length };
}

/** How many characters a one-line value takes as written (quotes and brackets included, a trailing comment not). */
function writtenLength(rest: string): number {
  const first = rest.charCodeAt(0);
  if (first === 34 /* " */) return rest.indexOf('"', 1) + 1;
  if (first === 39 /* ' */) {
    let end = rest.indexOf("'", 1);
    while (rest.charCodeAt(end + 1) === 39) end = rest.indexOf("'", end + 2);
    return end + 1;
  }
  if (first === 91 /* [ */) return rest.indexOf(']') + 1;
  if (first === 123 /* { */) return rest.indexOf('}') + 1;
  const comment = rest.indexOf(' #');
  return (comment === -1 ? rest : rest.slice(0, comment)).replace(/ +$/, '').length;
}

class BlockReader {
  private i = 0;
  /** The data path being read, when positions are recorded. */
  private readonly path: string[] = [];

  constructor(
    private readonly lines: string[],
    private readonly positions?: Map<string, { key?: BlockPosition; value?: BlockPosition }>,
  ) {}

  document(): Record<string, unknown> {
    this.skip();
    if (this.i >= this.lines.length || indentOf(this.lines[this.i]!) !== 0 || isSeqLine(this.lines[this.i]!, 0)) giveUp();
    const out: Record<string, unknown> = {};
    this.mapInto(out, 0, 1);
    this.skip();
    if (this.i < this.lines.length) giveUp();
    return out;
  }

  /** Move past blank lines and comment lines. */
  private skip(): void {
    const { lines } = this;
    while (this.i < lines.length) {
      const line = lines[this.i]!;
      const k = indentOf(line);
      if (k !== line.length && line.charCodeAt(k) !== 35 /* # */) return;
      this.i += 1;
    }
  }

  /** After a scalar on one line: nothing more indented may follow (it would continue the scalar or be an error), comments aside. */
  private noContinuation(indent: number): void {
    const { lines } = this;
    for (let j = this.i; j < lines.length; j += 1) {
      const line = lines[j]!;
      const k = indentOf(line);
      // Blank lines and comment lines, however indented, neither continue a scalar nor end the block.
      if (k === line.length || line.charCodeAt(k) === 35 /* # */) continue;
      if (k > indent) giveUp();
      return;
    }
  }

  private mapInto(out: Record<string, unknown>, indent: number, depth: number): void {
    for (;;) {
      this.skip();
      if (this.i >= this.lines.length) return;
      const line = this.lines[this.i]!;
      const k = indentOf(line);
      if (k < indent) return;
      if (k > indent || isSeqLine(line, k)) giveUp();
      this.pair(out, line.slice(k), indent, depth);
    }
  }

  /** Read `key: value` starting at the current line (its text from the key on), and what it spans. */
  private pair(out: Record<string, unknown>, content: string, indent: number, depth: number): void {
    if (depth > MAX_DEPTH) giveUp();
    const match = KEY.exec(content);
    if (!match) giveUp();
    const key = match[1]!;
    if (SPECIAL.test(key) || FORBIDDEN.has(key) || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
    const rest = (match[2] ?? '').replace(/^ +/, '');
    const { positions } = this;
    const line = this.i;
    let entry: { key?: BlockPosition; value?: BlockPosition } | undefined;
    if (positions) {
      this.path.push(key);
      entry = { key: at(line, indent, key.length) };
      positions.set(this.path.join('\0'), entry);
    }
    this.i += 1;
    let value: unknown;
    if (rest === '' || rest.startsWith('#')) {
      this.skip();
      const next = this.lines[this.i];
      const k = next === undefined ? -1 : indentOf(next);
      if (next !== undefined && k > indent) value = isSeqLine(next, k) ? this.seq(k, depth + 1) : this.map(k, depth + 1);
      else if (next !== undefined && k === indent && isSeqLine(next, k)) value = this.seq(k, depth + 1);
      else value = null;
    } else if (rest.startsWith('>') || rest.startsWith('|')) {
      value = this.blockScalar(rest, indent);
    } else {
      value = inlineValue(rest);
      this.noContinuation(indent);
      if (entry) entry.value = at(line, this.lines[line]!.length - rest.length, writtenLength(rest));
    }
    if (positions) this.path.pop();
    out[key] = value;
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.mapInto(out, indent, depth);
    return out;
  }

  private seq(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) giveUp();
    const out: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.i >= this.lines.length) return out;
      const line = this.lines[this.i]!;
      const k = indentOf(line);
      if (k < indent) return out;
      if (k > indent) giveUp();
      if (!isSeqLine(line, k)) return out;
      const item = line.slice(k + 2);
      if (item === '' || item.startsWith(' ') || item.startsWith('#')) giveUp();
      if (this.positions) this.path.push(String(out.length));
      if (KEY.test(item)) {
        const map: Record<string, unknown> = {};
        this.pair(map, item, k + 2, depth + 1);
        this.mapInto(map, k + 2, depth + 1);
        out.push(map);
      } else {
        if (item.startsWith('>') || item.startsWith('|')) giveUp();
        if (this.positions) this.positions.set(this.path.join('\0'), { value: at(this.i, k + 2, writtenLength(item)) });
        this.i += 1;
        out.push(inlineValue(item));
        this.noContinuation(indent);
      }
      if (this.positions) this.path.pop();
    }
  }

  /** A folded or literal block scalar whose header is `rest`, under a key at `indent`. */
  private blockScalar(header: string, indent: number): string {
    if (!/^[>|]-? *$/.test(header)) giveUp();
    const folded = header.startsWith('>');
    const strip = header.includes('-');
    const { lines } = this;
    const first = lines[this.i];
    if (first === undefined) giveUp();
    const blockIndent = indentOf(first);
    if (blockIndent <= indent || blockIndent === first.length) giveUp();
    const parts: string[] = [];
    while (this.i < lines.length) {
      const line = lines[this.i]!;
      const k = indentOf(line);
      if (k === line.length || k < blockIndent) break;
      if ((k > blockIndent && folded) || line.endsWith(' ')) giveUp();
      parts.push(line.slice(blockIndent));
      this.i += 1;
    }
    // The last line of the text has no line break after it: leave clipping it to the full parser.
    if (!strip && this.i === lines.length) giveUp();
    // Blank lines, then more of the block: left to the full parser.
    for (let j = this.i; j < lines.length; j += 1) {
      const k = indentOf(lines[j]!);
      if (k === lines[j]!.length) continue;
      if (k >= blockIndent) giveUp();
      break;
    }
    return parts.join(folded ? ' ' : '\n') + (strip ? '' : '\n');
  }
}

/** Whatever follows a closing quote or bracket: nothing, spaces, or spaces and a comment. */
function checkTail(tail: string): void {
  if (tail === '') return;
  const rest = tail.replace(/^ +/, '');
  if (rest === '' || (rest.length < tail.length && rest.startsWith('#'))) return;
  giveUp();
}

/** A value on the rest of a line: quoted, a flow list of plain scalars, or a plain scalar. */
function inlineValue(rest: string): unknown {
  const first = rest.charCodeAt(0);
  if (first === 34 /* " */) {
    const end = rest.indexOf('"', 1);
    if (end === -1) giveUp();
    const inner = rest.slice(1, end);
    if (inner.includes('\\')) giveUp();
    checkTail(rest.slice(end + 1));
    return inner;
  }
  if (first === 39 /* ' */) {
    let value = '';
    let at = 1;
    for (;;) {
      const end = rest.indexOf("'", at);
      if (end === -1) giveUp();
      value += rest.slice(at, end);
      if (rest.charCodeAt(end + 1) === 39) {
        value += "'";
        at = end + 2;
        continue;
      }
      checkTail(rest.slice(end + 1));
      return value;
    }
  }
  if (first === 91 /* [ */) {
    const end = rest.indexOf(']');
    if (end === -1) giveUp();
    const inner = rest.slice(1, end);
    if (/[[\]{}"'#:]/.test(inner)) giveUp();
    checkTail(rest.slice(end + 1));
    if (/^ *$/.test(inner)) return [];
    return inner.split(',').map((raw) => {
      const item = raw.replace(/^ +| +$/g, '');
      if (item === '' || INDICATOR.test(item)) giveUp();
      return plainValue(item);
    });
  }
  if (first === 123 /* { */) {
    const end = rest.indexOf('}');
    if (end === -1) giveUp();
    const inner = rest.slice(1, end);
    if (/[[\]{}"'#]/.test(inner)) giveUp();
    checkTail(rest.slice(end + 1));
    const out: Record<string, unknown> = {};
    if (/^ *$/.test(inner)) return out;
    for (const raw of inner.split(',')) {
      const entry = FLOW_ENTRY.exec(raw);
      if (!entry) giveUp();
      const key = entry[1]!;
      const item = entry[2]!;
      if (SPECIAL.test(key) || FORBIDDEN.has(key) || Object.prototype.hasOwnProperty.call(out, key) || INDICATOR.test(item) || item.includes(':')) giveUp();
      out[key] = plainValue(item);
    }
    return out;
  }
  if (INDICATOR.test(rest)) giveUp();
  const comment = rest.indexOf(' #');
  const value = (comment === -1 ? rest : rest.slice(0, comment)).replace(/ +$/, '');
  if (value.includes(': ') || value.endsWith(':')) giveUp();
  return plainValue(value);
}

/** A plain scalar as the core schema reads it (null, booleans, small decimals), or give up. */
function plainValue(value: string): unknown {
  if (!SPECIAL.test(value)) return value;
  switch (value) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (NUMBER.test(value)) return Number(value);
  return giveUp();
}
