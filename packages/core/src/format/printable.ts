/** C0 controls (ESC starts every ANSI sequence), DEL, C1 controls (U+009B is a one-character CSI) and bidirectional overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same without C0, which `JSON.stringify` already escapes (and whose newlines lay out its output). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Untrusted text (from a bundle, or records on an evidence branch) made safe for a terminal: every
 * control character is shown as an escape (`\x1b`, `\n`, `\u202e`), so no name or message can move
 * the cursor, change colours or forge a line. Apply it where text is formatted for output. Pure.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** `JSON.stringify(value, null, 2)` with the control characters JSON leaves raw escaped as `\u…`: the same value, safe to print. Pure. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/**
 * A copy of a plain value (objects, arrays, strings) with every string passed through `printable`:
 * what a text formatter that styles its output is given, so that the escape sequences in its output
 * are its own styling and never text from a repository or a record. Other values (numbers, dates,
 * maps) are kept as they are. Pure.
 */
export function printableValues<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((item) => printableValues(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printableValues(item)])) as T;
  }
  return value;
}
