import { countDiagnostics, type Diagnostic } from '../diagnostic.js';

/** Version of the JSON output format; bumped on any breaking change (docs/output-formats.md). */
export const DIAGNOSTICS_JSON_VERSION = 1;

/** Stable machine-readable output: `{ version, summary, diagnostics }` with sorted keys in each diagnostic. */
export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const counts = countDiagnostics(diagnostics);
  const ordered = diagnostics.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    endLine: d.endLine ?? null,
    endColumn: d.endColumn ?? null,
    related: d.related ?? [],
    url: d.url ?? null,
  }));
  return JSON.stringify({ version: DIAGNOSTICS_JSON_VERSION, summary: { errors: counts.error, warnings: counts.warning, infos: counts.info }, diagnostics: ordered }, null, 2) + '\n';
}
