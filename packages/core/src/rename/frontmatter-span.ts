const closingDelimiter = /\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Where a document's YAML frontmatter lies in its text: from just after the opening `---`
 * (and a byte order mark before it) to the line break before the closing `---`, as
 * `parseDocument` reads it. Undefined when the text has no frontmatter.
 */
export function frontmatterSpan(text: string): { start: number; end: number } | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 4 : 3;
  if (text.slice(start - 3, start) !== '---' || text.charAt(start) === '-') return undefined;
  const close = closingDelimiter.exec(text.slice(start));
  if (!close) return undefined;
  // A CRLF file's `\r` before the closing line is part of the line break, outside the span.
  return { start, end: start + close.index };
}
