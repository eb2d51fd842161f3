import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { TextEdit } from './text-edit.js';

/** A path to the values that hold an id: keys, and `*` for every item of a list. */
export type IdPath = readonly string[];

export interface YamlIdEdits {
  edits: TextEdit[];
  /** Why a reference could not be rewritten in place (the rename is refused). */
  problems: string[];
  /** The YAML could not be parsed: nothing in it was looked at. */
  unreadable: boolean;
}

/** Where the id to rename lies in a value, as [start, end) of the value; undefined when the value does not name it. */
export type IdMatcher = (value: string) => readonly [number, number] | undefined;

/** The whole value is the id. */
export const wholeValue = (id: string): IdMatcher => (value) => (value === id ? [0, id.length] : undefined);

/**
 * Edits that rename the id `match` finds to `to` wherever one of `paths` leads in `yaml` (a whole
 * YAML file, or a document's frontmatter starting at `offset` in its file). Only the characters of
 * the id are replaced: quotes, comments, flow or block style and everything else stay as written.
 */
export function yamlIdEdits(yaml: string, offset: number, paths: readonly IdPath[], match: IdMatcher, to: string, file: string): YamlIdEdits {
  const result: YamlIdEdits = { edits: [], problems: [], unreadable: false };
  const document = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) {
    result.unreadable = true;
    return result;
  }
  for (const idPath of paths) {
    for (const node of nodesAt(document.contents, idPath)) {
      if (!isScalar(node) || node.value === null || node.value === undefined || !node.range) continue;
      const value = String(node.value);
      const found = match(value);
      if (!found) continue;
      const [start, end] = node.range;
      const source = yaml.slice(start, end);
      const inner = source === value ? start : source === `"${value}"` || source === `'${value}'` ? start + 1 : undefined;
      if (inner === undefined) {
        result.problems.push(`Unexpected \`${source}\` at \`${idPath.join('.')}\` in \`${file}\`, expected \`${value}\` written plainly or in quotes (rewrite it by hand, then rename)`);
        continue;
      }
      result.edits.push({ start: offset + inner + found[0], end: offset + inner + found[1], text: to });
    }
  }
  return result;
}

/** The nodes `path` leads to from `node`: one per list item at each `*`. Aliases are not followed (their anchor is what changes). */
export function nodesAt(node: unknown, path: IdPath): Node[] {
  if (node === null || node === undefined || isAlias(node)) return [];
  if (path.length === 0) return [node as Node];
  const [head, ...rest] = path;
  if (head === '*') return isSeq(node) ? node.items.flatMap((item) => nodesAt(item, rest)) : [];
  if (!isMap(node)) return [];
  return node.items.filter((pair) => (isScalar(pair.key) ? String(pair.key.value) : pair.key) === head).flatMap((pair) => nodesAt(pair.value, rest));
}

/** The string values `path` leads to in `yaml` (undefined when it cannot be parsed). */
export function yamlValues(yaml: string, path: IdPath): string[] | undefined {
  const document = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  return nodesAt(document.contents, path).flatMap((node) => (isScalar(node) && node.value !== null && node.value !== undefined ? [String(node.value)] : []));
}
