import { parse, postprocess, preprocess } from 'micromark';
import { decodeString } from 'micromark-util-decode-string';

/** What the checks need from a Markdown body: its headings and link targets, with file positions. */
export interface Outline {
  headings: { depth: number; text: string; line: number }[];
  links: { url: string; line: number; column: number }[];
}

export type MarkdownParser = ReturnType<typeof parse>;

/** A reusable CommonMark tokenizer (remark's parser, micromark). Create one per run and pass it down. */
export function createMarkdownParser(): MarkdownParser {
  return parse();
}

/**
 * Outline a Markdown body from the tokens of remark's parser: ATX and setext
 * headings with their plain text, link destinations and link definitions.
 * Building the full mdast tree costs more than this and the checks need no more;
 * the tree stays available as `ParsedDocument.ast`. `lineOffset` turns body
 * lines into file lines.
 */
export function outlineMarkdown(body: string, lineOffset: number, parser: MarkdownParser = createMarkdownParser()): Outline {
  // Definitions seen in one document must not leak into the next.
  parser.defined = [];
  parser.lazy = {};
  const events = postprocess(parser.document().write(preprocess()(body, undefined, true)));
  const outline: Outline = { headings: [], links: [] };
  let depth = 0;
  let headingLine = 0;
  let text: string[] = [];
  let inHeading = false;
  for (const [kind, token, context] of events) {
    const type = token.type as string;
    if (kind === 'enter') {
      if (type === 'atxHeading' || type === 'setextHeading') {
        inHeading = true;
        depth = 0;
        text = [];
        headingLine = token.start.line + lineOffset;
      } else if (type === 'atxHeadingSequence' && inHeading && depth === 0) {
        depth = context.sliceSerialize(token).length;
      } else if (type === 'setextHeadingLineSequence') {
        depth = context.sliceSerialize(token).startsWith('=') ? 1 : 2;
      } else if ((type === 'atxHeadingText' || type === 'setextHeadingText') && inHeading) {
        text.push(context.sliceSerialize(token));
      } else if (type === 'resourceDestinationString' || type === 'definitionDestinationString') {
        outline.links.push({ url: decodeString(context.sliceSerialize(token)), line: token.start.line + lineOffset, column: token.start.column });
      }
    } else if (type === 'atxHeading' || type === 'setextHeading') {
      outline.headings.push({ depth, text: plainHeading(text.join(' ')), line: headingLine });
      inHeading = false;
    }
  }
  return outline;
}

/** Heading text without emphasis, code marks or character escapes. */
function plainHeading(raw: string): string {
  return decodeString(raw.replace(/[*_`]+/g, '')).replace(/\s+/g, ' ').trim();
}
