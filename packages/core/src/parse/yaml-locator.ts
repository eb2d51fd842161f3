import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Position } from '../diagnostic.js';

/** Path into YAML data: keys and array indexes, as in a JSON pointer. */
export type DataPath = readonly (string | number)[];

/**
 * Maps a data path to a 1-based position in the source file. `target: 'key'`
 * points at the key of the last segment (for unknown or misplaced keys),
 * `'value'` at its value. A path that does not exist resolves to its longest
 * existing prefix.
 */
export type Locate = (path: DataPath, target?: 'key' | 'value') => Position;

const start: Position = { line: 1, column: 1 };

/** A locator over a parsed YAML document: walks the nodes only when a position is asked for. */
export function createLocator(doc: Document | undefined, counter: LineCounter, fallback: Position = start): Locate {
  const toPosition = (node: unknown): Position | undefined => {
    const range = (node as Node | null | undefined)?.range;
    if (!range) return undefined;
    const from = counter.linePos(range[0]);
    const to = counter.linePos(range[1]);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  };
  return (path, target = 'value') => {
    if (!doc) return fallback;
    let node: unknown = doc.contents;
    let best = toPosition(node) ?? fallback;
    for (let i = 0; i < path.length; i += 1) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return best;
        const keyPosition = toPosition(pair.key);
        if (i === path.length - 1 && target === 'key' && keyPosition) return keyPosition;
        node = pair.value;
        best = toPosition(node) ?? keyPosition ?? best;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return best;
        node = isPair(item) ? item.value : item;
        best = toPosition(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  };
}

/**
 * A locator over YAML source text that parses it only when first asked: positions
 * are needed for findings alone, so most documents never pay for them.
 */
export function lazyLocator(yamlText: string): Locate {
  let locate: Locate | undefined;
  return (path, target) => {
    if (!locate) {
      const counter = new LineCounter();
      locate = createLocator(parseDocument(yamlText, { lineCounter: counter, uniqueKeys: false }), counter);
    }
    return locate(path, target);
  };
}
