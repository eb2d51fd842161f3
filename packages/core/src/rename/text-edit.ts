/** One replacement in a file's text: the characters in [start, end) become `text`. Offsets index the text as read. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The text with every edit applied. Edits must not overlap; their order does not matter.
 * Everything outside the edited ranges is kept character for character.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) throw new RangeError(`Unexpected edit [${edit.start}, ${edit.end}), expected a range inside the text that overlaps no other edit`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
