import matter from 'gray-matter';
import type { Root } from 'mdast';
import type { Finding } from '../diagnostic.js';
import type { SourceFile } from '../source-file.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseYaml } from './parse-yaml.js';
import type { Locate } from './yaml-locator.js';

export type DocumentKind = 'policy' | 'control';

/** A Markdown document with YAML frontmatter, parsed but not yet validated. */
export interface ParsedDocument {
  kind: DocumentKind;
  path: string;
  /** Frontmatter data, or undefined when it could not be parsed. */
  data: Record<string, unknown> | undefined;
  locate: Locate;
  /** The Markdown body, after the closing delimiter. */
  body: string;
  /** Lines above the body: add to body-relative line numbers. */
  bodyLineOffset: number;
  ast: Root;
  /** The raw text of the file, byte for byte as read (BOM and CRLF kept). */
  text: string;
}

export interface ParseDocumentResult {
  document: ParsedDocument | undefined;
  findings: Finding[];
}

const closingDelimiter = /\r?\n---[ \t]*(?:\r?\n|$)/;

/** Engines that refuse: frontmatter is data and is never executed. */
const refuse = (language: string) => () => {
  throw new ExecutableFrontmatter(language);
};

class ExecutableFrontmatter extends Error {
  constructor(readonly language: string) {
    super(`refused ${language} frontmatter`);
  }
}

/** Parse a document's frontmatter (safely) and body. Problems become findings. */
export function parseDocument(source: SourceFile, kind: DocumentKind): ParseDocumentResult {
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
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, {
      language: 'yaml',
      engines: {
        yaml: (raw: string) => {
          // `raw` starts right after the opening `---`, so its line 1 is the file's line 1.
          yamlResult = parseYaml(raw, file, 0);
          return {};
        },
        js: refuse('js'),
        javascript: refuse('javascript'),
        coffee: refuse('coffee'),
        coffeescript: refuse('coffeescript'),
        json: refuse('json'),
        toml: refuse('toml'),
      },
    });
  } catch (error) {
    const language = error instanceof ExecutableFrontmatter ? error.language : /engine "([^"]+)"/.exec(String((error as Error).message))?.[1] ?? 'unknown';
    return { document: undefined, findings: [{ ruleId: 'parse/frontmatter-language', message: `Unexpected \`${language}\` frontmatter, expected YAML (frontmatter is data and is never executed)`, file, line: 1, column: 1 }] };
  }
  if (parsed.language && parsed.language !== 'yaml') {
    return { document: undefined, findings: [{ ruleId: 'parse/frontmatter-language', message: `Unexpected \`${parsed.language}\` frontmatter, expected YAML`, file, line: 1, column: 1 }] };
  }

  let data: Record<string, unknown> | undefined;
  let locate: Locate = () => ({ line: 1, column: 1 });
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
        findings.push({ ruleId: 'parse/frontmatter-not-mapping', message: `Unexpected ${describe(value)} as frontmatter, expected a mapping of keys to values`, file, ...locate([]) });
      }
    }
  }

  const body = parsed.content;
  const bodyStart = text.length - body.length;
  const bodyLineOffset = countNewlines(text, bodyStart);
  const ast = parseMarkdown(body, bodyLineOffset);
  return { document: { kind, path: file, data, locate, body, bodyLineOffset, ast, text: source.text }, findings };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
