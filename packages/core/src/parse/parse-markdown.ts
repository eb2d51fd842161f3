import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/**
 * Parse a Markdown body to an mdast tree (remark's parser). `lineOffset` is the
 * number of lines above the body in its file, so node positions are file positions.
 */
export function parseMarkdown(body: string, lineOffset: number): Root {
  const tree = fromMarkdown(body);
  if (lineOffset !== 0) shiftLines(tree, lineOffset);
  return tree;
}

function shiftLines(node: { position?: { start: { line: number }; end: { line: number } }; children?: unknown[] }, offset: number): void {
  if (node.position) {
    node.position.start.line += offset;
    node.position.end.line += offset;
  }
  if (node.children) for (const child of node.children) shiftLines(child as typeof node, offset);
}
