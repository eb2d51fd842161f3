import type { Diagnostic } from '../diagnostic.js';

const command = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escape workflow-command data (the message). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow-command property value (file, title). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command per finding: `::error file=F,line=L,col=C,title=T::message`. */
export function formatDiagnosticGithub(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
  // GitHub honours columns only when the finding starts and ends on one line.
  if (d.column !== undefined && (d.endLine === undefined || d.endLine === d.line)) {
    props.push(`col=${d.column}`);
    if (d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`);
  }
  props.push(`title=${escapeProperty(`Evident ${d.ruleId}`)}`);
  return `::${command[d.severity]} ${props.join(',')}::${escapeData(d.message)}`;
}

/** Workflow commands for every finding, one per line. */
export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnosticGithub).join('\n') + (diagnostics.length ? '\n' : '');
}
