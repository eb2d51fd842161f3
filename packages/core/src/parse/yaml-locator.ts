import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Position } from '../diagnostic.js';

/** Path into YAML data: keys and array indexes, as in a JSON pointer. */
export type DataPath = readonly (string | number)[];

/**
 * Maps a data path to a 1-based position in the source file. `target: 'key'`
 * points at the key of the last segment (for unknown or misplaced keys),
 * `'value'` at its value.
 */
export type Locate = (path: DataPath, target?: 'key' | 'value') => Position;

/** Build a locator over a parsed YAML document whose line numbers are shifted by `lineOffset`. */
export function createLocator(doc: Document | undefined, counter: LineCounter, lineOffset = 0, fallback: Position = { line: 1, column: 1 }): Locate {
  const toPosition = (range: readonly [number, number, number] | null | undefined): Position | undefined => {
    if (!range) return undefined;
    const start = counter.linePos(range[0]);
    const end = counter.linePos(range[1]);
    return { line: start.line + lineOffset, column: start.col, endLine: end.line + lineOffset, endColumn: end.col };
  };

  return (path, target = 'value') => {
    if (!doc) return fallback;
    let node: unknown = doc.contents;
    let best = toPosition((node as Node | null)?.range) ?? fallback;
    for (let i = 0; i < path.length; i += 1) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return best;
        const keyPos = toPosition((pair.key as Node | null)?.range);
        if (last && target === 'key' && keyPos) return keyPos;
        node = pair.value;
        best = toPosition((node as Node | null)?.range) ?? keyPos ?? best;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return best;
        node = isPair(item) ? item.value : item;
        best = toPosition((node as Node | null)?.range) ?? best;
      } else {
        return best;
      }
    }
    return best;
  };
}
