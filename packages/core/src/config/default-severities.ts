import type { Severity } from '../diagnostic.js';

/**
 * Severity of every finding unless evident.yaml's `rules` says otherwise.
 * Keys are rule ids or a rule-id prefix (`parse` covers `parse/yaml`, `parse/binary`...).
 */
export const defaultSeverities: Readonly<Record<string, Severity>> = {
  config: 'error',
  parse: 'error',
  schema: 'error',
  'folder/missing': 'warning',
  'id/duplicate': 'error',
  'id/file-name': 'error',
  'id/portable-name': 'error',
  'reference/unknown-policy': 'error',
  'reference/unknown-criterion': 'error',
  'reference/out-of-scope-criterion': 'info',
  'reference/unknown-person': 'error',
  'body/required-section': 'error',
  'body/broken-link': 'error',
  'body/unrendered-html': 'warning',
  'body/unknown-placeholder': 'error',
  'review/overdue': 'warning',
  'review/missing': 'warning',
  'coverage/uncovered-criterion': 'error',
  'control/no-policy': 'warning',
  'policy/owner-sole-approver': 'error',
  'evidence/unknown-control': 'error',
  'evidence/metadata': 'error',
  'evidence/hash-mismatch': 'error',
  'evidence/outside-folder': 'error',
  'evidence/portable-name': 'error',
  'evidence/reused': 'warning',
  'evidence/event-outside-covers': 'error',
  'content/placeholder': 'warning',
};

/** The documentation page of a rule, relative to the repository root. */
export function ruleDocPath(ruleId: string): string {
  const page = ruleId.startsWith('parse/') ? 'parse' : ruleId.replace(/\//g, '-');
  return `docs/rules/${page}.md`;
}

/** Severity of a rule: evident.yaml's setting for the id or its prefix, else the default; `off` drops it. */
export function severityOf(ruleId: string, configured: Readonly<Record<string, Severity | 'off'>>): Severity | 'off' {
  const prefix = ruleId.split('/')[0]!;
  return configured[ruleId] ?? configured[prefix] ?? defaultSeverities[ruleId] ?? defaultSeverities[prefix] ?? 'error';
}
