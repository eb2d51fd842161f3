import { code } from '../diagnostic.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { SourceFile } from '../source-file.js';
import type { Report, Rule } from './rule.js';

/** What the starter ships that no company's program should keep, and what each is instead. */
interface Pattern {
  regex: RegExp;
  what: string;
  expected: string;
  /** Also looked for in Markdown bodies, not only in frontmatter. */
  inBodies?: boolean;
}

const marker: Pattern = { regex: /\bREPLACE\b/, what: 'placeholder marker', expected: 'the value it asks for, with the marker removed', inBodies: true };
const organisation: Pattern = { regex: /\bExample Cloud\b/, what: 'example organisation', expected: "your organisation's name", inBodies: true };
const slug: Pattern = { regex: /@?\bexample-cloud\b[\w./-]*/i, what: 'example name', expected: "your organisation's own GitHub organisation, team or domain", inBodies: true };
/** RFC 2606 example domains: reported in evident.yaml, CODEOWNERS and frontmatter; a policy body may show one as an example. */
const domain: Pattern = { regex: /\b(?:[a-z0-9-]+\.)*example\.(?:com|org|net)\b/i, what: 'example domain', expected: "your organisation's domain" };
const patterns = [marker, organisation, slug, domain];

const owner: Pattern = { ...slug, what: 'example code owner', expected: 'a team or person of your GitHub organisation' };

/** The first pattern found on a line part, with its column (1-based, from `offset`). */
function firstMatch(text: string, offset: number, candidates: readonly Pattern[]): { pattern: Pattern; column: number; value: string } | undefined {
  let best: { pattern: Pattern; column: number; value: string } | undefined;
  for (const pattern of candidates) {
    const m = pattern.regex.exec(text);
    if (m && (!best || m.index + offset + 1 < best.column)) best = { pattern, column: m.index + offset + 1, value: m[0] };
  }
  return best;
}

const isComment = (line: string) => /^\s*#/.test(line);
const isBlank = (line: string) => line.trim() === '';
/** Where a line's comment starts (a `#` at the start or after a space), or -1. */
function commentStart(line: string): number {
  if (isComment(line)) return line.indexOf('#');
  const at = line.search(/\s#/);
  return at < 0 ? -1 : at + 1;
}

/**
 * Scan a YAML or CODEOWNERS file: values (and comments on a value's line) for every pattern;
 * a comment line only for the marker, and only when it sits right above the key it marks.
 */
function scanLines(file: SourceFile, report: Report, valuePatterns: readonly Pattern[]): void {
  const lines = file.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    let found: ReturnType<typeof firstMatch>;
    if (isComment(line)) {
      const next = lines[i + 1];
      if (next !== undefined && !isBlank(next) && !isComment(next)) found = firstMatch(line, 0, [marker]);
    } else {
      const hash = commentStart(line);
      const value = hash >= 0 ? line.slice(0, hash) : line;
      found = firstMatch(value, 0, valuePatterns) ?? (hash >= 0 ? firstMatch(line.slice(hash), hash, [marker]) : undefined);
    }
    if (found) reportAt(file.path, i + 1, found, report);
  });
}

function reportAt(file: string, line: number, found: NonNullable<ReturnType<typeof firstMatch>>, report: Report): void {
  const { pattern, column, value } = found;
  report({ message: `Unexpected ${pattern.what} ${code(value)}, expected ${pattern.expected}`, file, line, column, endLine: line, endColumn: column + value.length });
}

/**
 * Roster entries the starter marks `example: true`: each is reported at its marker. Positions come
 * from the model's locator of the same file, so the roster is parsed for positions once.
 */
function examplePeople(file: SourceFile, locate: Locate, report: Report): void {
  const parsed = parseYaml(file.text.replace(/^\uFEFF/, ''), file.path);
  if (!parsed.ok) return;
  const entries = (parsed.data as { people?: unknown } | null)?.people;
  if (!Array.isArray(entries)) return;
  entries.forEach((entry: { id?: unknown; github?: unknown; example?: unknown } | null, i) => {
    if (entry?.example !== true) return;
    const who = `${code(entry.id)}${typeof entry.github === 'string' ? ` (GitHub ${code(entry.github)})` : ''}`;
    report({ message: `Unexpected example person ${who}, expected a member of your workforce, without \`example: true\``, file: file.path, ...locate(['people', i, 'example'], 'key') });
  });
}

export const contentPlaceholder: Rule = {
  id: 'content/placeholder',
  description: "Nothing of the starter program is left as if it were the company's: `REPLACE` markers, the example organisation, example domains, code owners and roster entries.",
  check(model, report) {
    for (const file of model.textFiles) {
      if (file.path === model.peopleFile) {
        // The roster's example addresses and logins are reported once per marked person.
        scanLines(file, report, [marker, organisation, slug]);
        examplePeople(file, model.locatePerson, report);
      } else if (file.path === model.configFile) scanLines(file, report, patterns);
      else scanLines(file, report, [owner, marker, domain]);
    }
    for (const doc of model.documents) {
      const lines = doc.text.replace(/^\uFEFF/, '').split(/\r?\n/);
      lines.forEach((line, i) => {
        const inFrontmatter = i < doc.bodyLineOffset;
        const found = firstMatch(line, 0, inFrontmatter ? patterns : patterns.filter((p) => p.inBodies));
        if (found) reportAt(doc.path, i + 1, found, report);
      });
    }
  },
};
