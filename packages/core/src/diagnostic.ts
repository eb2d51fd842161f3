/** Findings are data: every problem in user content becomes one of these, never an exception. */
export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  file: string;
  line?: number;
  message: string;
}

export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Diagnostic {
  /** Rule id such as `schema` or `reference/unknown-policy`. */
  ruleId: string;
  /** Decided by evident.yaml, never by the rule. */
  severity: Severity;
  /** One sentence, Markdown-safe, identifiers in backticks. */
  message: string;
  /** Repository-relative POSIX path. */
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  related?: RelatedLocation[];
  /** Documentation page of the rule. */
  url?: string;
}

/** What a rule reports: a diagnostic before the configuration assigns its severity. */
export type Finding = Omit<Diagnostic, 'severity' | 'ruleId' | 'url'> & { ruleId?: string };

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, line, column, rule, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

export interface DiagnosticCounts {
  error: number;
  warning: number;
  info: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts: DiagnosticCounts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity] += 1;
  return counts;
}

/**
 * Inline code in a message, safe against backticks inside the value: the fence is one backtick longer
 * than the longest run of backticks in the value (CommonMark's code span rule), with a space on each
 * side when the value holds a backtick or starts or ends with a space, so no value can close the span early
 * and have the rest read as Markdown or HTML.
 */
export function code(value: unknown): string {
  const text = String(value).replace(/[\r\n]+/g, ' ').slice(0, 120);
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.includes('`') || /^ | $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
