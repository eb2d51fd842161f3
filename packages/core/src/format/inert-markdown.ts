/**
 * Text from a repository (a policy's title, a status, a file name, a finding's message) placed in
 * Markdown that people read, such as the pull-request gate's job summary: someone who can open a pull
 * request writes that text, so it must render as the characters it holds, never as a heading, an image
 * (a tracking pixel), a link, a `<details>` block or any other HTML.
 */

/**
 * The ASCII punctuation that can start markup inside a line on GitHub: HTML and entities (`<`, `>`,
 * `&`), links and images (`[`, `]`, `!`), emphasis and strikethrough (`*`, `~`), code spans,
 * headings (`#`), table cells (`|`), math (`$`), and the backslash itself; and `_` except between two
 * letters or digits (where it cannot open or close emphasis). CommonMark renders a backslash-escaped
 * punctuation character as itself. (Emoji shortcodes and mentions are left: GitHub applies them after
 * the Markdown is rendered, so no escape stops them, and neither can fake more than a literal emoji or
 * a name could.)
 */
const MARKUP = /[\\`*[\]<>&!~#|$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/** Plain text as Markdown that renders exactly as the text: every character that could start markup backslash-escaped, line breaks as spaces. Pure. */
export function inertText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(MARKUP, '\\$&');
}

/**
 * A message written as a finding's message is (plain sentences, identifiers in code spans, as `code`
 * writes them) made inert: its code spans are kept, and everything outside them is escaped as
 * `inertText` escapes it, so a value that did not go through `code` cannot add markup either. A
 * backtick run without a closing run of the same length is escaped too. Line breaks become spaces.
 * `cell`: for a table cell, where a `|` must be escaped inside code spans too. Pure.
 */
export function inertMarkdown(message: string, cell = false): string {
  const text = message.replace(/\r\n?|\n/g, ' ');
  let out = '';
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('`', at);
    if (open < 0) break;
    const run = runLength(text, open);
    const close = closingRun(text, open + run, run);
    if (close < 0) {
      out += inertText(text.slice(at, open + run));
      at = open + run;
      continue;
    }
    const span = text.slice(open, close + run);
    out += inertText(text.slice(at, open)) + (cell ? span.replace(/\|/g, '\\|') : span);
    at = close + run;
  }
  return out + inertText(text.slice(at));
}

function runLength(text: string, from: number): number {
  let end = from;
  while (text[end] === '`') end += 1;
  return end - from;
}

/** Where the next backtick run of exactly `length` starts, from `from`; -1 when there is none. */
function closingRun(text: string, from: number, length: number): number {
  let at = text.indexOf('`', from);
  while (at >= 0) {
    const run = runLength(text, at);
    if (run === length) return at;
    at = text.indexOf('`', at + run);
  }
  return -1;
}
