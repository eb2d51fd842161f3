import { code, type Finding } from '../diagnostic.js';
import type { SourceFile } from '../source-file.js';
import { outlineMarkdown, type MarkdownParser, type Outline } from './markdown-outline.js';
import { parseYaml } from './parse-yaml.js';
import { frontmatterEngine, splitFrontmatter } from './split-frontmatter.js';
import { lazyLocator, type Locate } from './yaml-locator.js';

export type DocumentKind = 'policy' | 'control';

/** A Markdown document with YAML frontmatter, parsed but not yet validated. */
export interface ParsedDocument {
  kind: DocumentKind;
  path: string;
  /** Frontmatter data, or undefined when it could not be parsed. */
  data: Record<string, unknown> | undefined;
  /** The raw frontmatter YAML (line 1 is the file's line 1). */
  frontmatter: string;
  /** Position of a frontmatter key or value. */
  locate: Locate;
  /** The Markdown body, after the closing delimiter. */
  body: string;
  /** Lines above the body: add to body-relative line numbers. */
  bodyLineOffset: number;
  /** Headings and links of the body, with file positions. */
  outline: Outline;
  /** The raw text of the file, byte for byte as read (BOM and CRLF kept). */
  text: string;
}

export interface ParseDocumentResult {
  document: ParsedDocument | undefined;
  findings: Finding[];
}

/** A parsed document as plain data (no functions): what a worker thread sends back. */
export type PlainDocument = Omit<ParsedDocument, 'locate' | 'text'>;

export interface PlainParseResult {
  document: PlainDocument | undefined;
  findings: Finding[];
  /** Present when parsed on this thread; dropped when the result crosses threads. */
  locate?: Locate;
}

const closingDelimiter = /\r?\n---[ \t]*(?:\r?\n|$)/;

/** Languages that have an engine (gray-matter's names and aliases): YAML, and those refused. */
const KNOWN_LANGUAGES: ReadonlySet<string> = new Set(['yaml', 'yml', 'js', 'javascript', 'coffee', 'coffeescript', 'cson', 'json', 'toml']);

/**
 * Parse a document's frontmatter (safely) and body. Problems become findings.
 * `preparsed`, when given, is the same parse done ahead (on a worker thread).
 */
export function parseDocument(source: SourceFile, kind: DocumentKind, preparsed?: PlainParseResult, parser?: MarkdownParser): ParseDocumentResult {
  const plain = preparsed ?? parseDocumentPlain(source, kind, parser);
  return { document: plain.document && hydrateDocument(plain.document, source.text, plain.locate), findings: plain.findings };
}

/**
 * Add the locator and the file's text back to a plain document. A document parsed on a worker
 * thread arrives with copies of its body and frontmatter: they become slices of the text again,
 * so each file's characters are held once.
 */
export function hydrateDocument(plain: PlainDocument, text: string, locate?: Locate): ParsedDocument {
  const body = text.endsWith(plain.body) ? text.slice(text.length - plain.body.length) : plain.body;
  const start = text.charCodeAt(0) === 0xfeff ? 4 : 3;
  const frontmatter = text.startsWith(plain.frontmatter, start) ? text.slice(start, start + plain.frontmatter.length) : plain.frontmatter;
  // Field by field, not by spreading: thousands of documents share one hidden class this way.
  return { kind: plain.kind, path: plain.path, data: plain.data, frontmatter, body, bodyLineOffset: plain.bodyLineOffset, outline: plain.outline, locate: locate ?? lazyLocator(frontmatter), text };
}

/** parseDocument as plain data: safe to run on a worker thread. */
export function parseDocumentPlain(source: SourceFile, kind: DocumentKind, parser?: MarkdownParser): PlainParseResult {
  const file = source.path;
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  const findings: Finding[] = [];
  if (text.trim() === '') {
    return { document: undefined, findings: [{ ruleId: 'parse/empty-file', message: 'Unexpected empty file, expected YAML frontmatter and a Markdown body', file, line: 1 }] };
  }
  if (!text.startsWith('---')) {
    return { document: undefined, findings: [{ ruleId: 'parse/missing-frontmatter', message: 'Unexpected content before frontmatter, expected the file to start with `---`', file, line: 1, column: 1 }] };
  }
  if (!closingDelimiter.test(text.slice(3))) {
    return { document: undefined, findings: [{ ruleId: 'parse/unterminated-frontmatter', message: 'Unexpected end of file in frontmatter, expected a closing `---` line', file, line: 1, column: 1 }] };
  }

  let yamlResult: ReturnType<typeof parseYaml> | undefined;
  let frontmatter = '';
  let locate: Locate = () => ({ line: 1, column: 1 });
  // Text after the opening `---` names a language: only YAML is read.
  const named = /^\ufeff?---(?!-)([^\r\n]*)/.exec(text)?.[1]?.trim();
  if (named && !KNOWN_LANGUAGES.has(named.toLowerCase())) {
    return { document: undefined, findings: [{ ruleId: 'parse/frontmatter-language', message: `Unexpected ${code(named)} frontmatter, expected YAML`, file, line: 1, column: 1 }] };
  }
  const parsed = splitFrontmatter(text);
  if (parsed.matter !== undefined) {
    const engine = frontmatterEngine(parsed.language);
    if (engine !== 'yaml') {
      return { document: undefined, findings: [{ ruleId: 'parse/frontmatter-language', message: `Unexpected \`${engine ?? parsed.language}\` frontmatter, expected YAML (frontmatter is data and is never executed)`, file, line: 1, column: 1 }] };
    }
    // The block starts right after the opening `---`, so its line 1 is the file's line 1. It ends
    // before the `\n` of the closing line: drop the `\r` a CRLF file leaves, which YAML would
    // otherwise keep in the last value.
    frontmatter = parsed.matter.replace(/\r$/, '');
    yamlResult = parseYaml(frontmatter, file);
  }
  if (parsed.language !== 'yaml') {
    return { document: undefined, findings: [{ ruleId: 'parse/frontmatter-language', message: `Unexpected \`${parsed.language}\` frontmatter, expected YAML`, file, line: 1, column: 1 }] };
  }

  let data: Record<string, unknown> | undefined;
  if (yamlResult === undefined) {
    findings.push({ ruleId: 'parse/frontmatter-not-mapping', message: 'Unexpected empty frontmatter, expected a mapping of keys to values', file, line: 1, column: 1 });
  } else {
    findings.push(...yamlResult.findings);
    locate = yamlResult.locate;
    if (yamlResult.ok) {
      const value = yamlResult.data;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        data = value as Record<string, unknown>;
      } else {
        findings.push({ ruleId: 'parse/frontmatter-not-mapping', message: `Unexpected ${describe(value)} as frontmatter, expected a mapping of keys to values`, file, ...yamlResult.locate([]) });
      }
    }
  }

  const body = parsed.content;
  const bodyStart = text.length - body.length;
  const bodyLineOffset = countNewlines(text, bodyStart);
  return { document: { kind, path: file, data, frontmatter, body, bodyLineOffset, outline: outlineMarkdown(body, bodyLineOffset, parser) }, findings, locate };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty value';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
