import path from 'node:path/posix';
import type { TextEdit } from './text-edit.js';

/** An inline link or image destination: `](dest` or `](<dest`. */
const inlineLink = /\]\([ \t]*<?([^\s()<>]+)/g;
/** A link reference definition: `[label]: dest` at the start of a line. */
const definition = /^ {0,3}\[[^\]\r\n]+\]:[ \t]*<?([^\s<>]+)/gm;
const fence = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Edits that point the body's links to `target` (a repository path such as `policies/old.md`) at
 * `renamed` instead, for a document at `file` whose body starts at `bodyStart` in its text. Only
 * the file name at the end of the destination changes (`../policies/old.md#scope` keeps its
 * folder and anchor); links in fenced code blocks are left alone.
 */
export function markdownLinkEdits(text: string, bodyStart: number, file: string, target: string, renamed: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const oldName = path.basename(target);
  const newName = path.basename(renamed);
  for (const [start, end] of proseRanges(text, bodyStart)) {
    const prose = text.slice(start, end);
    for (const pattern of [inlineLink, definition]) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(prose); match; match = pattern.exec(prose)) {
        const destination = match[1]!;
        const pathPart = destination.replace(/[?#].*$/, '');
        if (/^[a-z][a-z0-9+.-]*:/i.test(pathPart) || !pathPart.endsWith(oldName)) continue;
        const resolved = pathPart.startsWith('/') ? path.normalize(pathPart.slice(1)) : path.join(path.dirname(file), pathPart);
        if (resolved !== target) continue;
        const at = start + match.index + match[0].length - destination.length + pathPart.length - oldName.length;
        edits.push({ start: at, end: at + oldName.length, text: newName });
      }
    }
  }
  return edits;
}

/** The parts of the text from `from` on that lie outside fenced code blocks. */
function proseRanges(text: string, from: number): [number, number][] {
  const ranges: [number, number][] = [];
  let open: string | undefined;
  let start = from;
  let at = from;
  while (at < text.length) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next + 1;
    const marker = fence.exec(text.slice(at, end))?.[1];
    if (marker && open === undefined) {
      ranges.push([start, at]);
      open = marker;
    } else if (marker && open !== undefined && marker[0] === open[0] && marker.length >= open.length) {
      open = undefined;
      start = end;
    }
    at = end;
  }
  if (open === undefined) ranges.push([start, text.length]);
  return ranges.filter(([a, b]) => b > a);
}
