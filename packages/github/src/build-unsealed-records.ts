import type { EvidenceKind, UnsealedRecord } from '@evident/core';
import type { DecidedSubject } from './decide-approvals.js';
import type { PullRequestFacts } from './fetch-pull-request-facts.js';

export interface RecordContext {
  facts: Pick<PullRequestFacts, 'repository' | 'fetched_at' | 'api_calls'>;
  /** When the records are written (ISO 8601). */
  recordedAt: string;
  toolVersion: string;
}

/** Wrap decided subjects in record envelopes with provenance (the API calls made, fetched_at, the tool version). Pure. */
export function buildUnsealedRecords<S>(kind: EvidenceKind, decided: readonly DecidedSubject<S>[], context: RecordContext): UnsealedRecord<S>[] {
  return decided.map(({ id, subject }) => ({
    schema_version: 1,
    id,
    kind,
    repository: context.facts.repository,
    recorded_at: context.recordedAt,
    subject,
    provenance: { tool: 'evident', tool_version: context.toolVersion, fetched_at: context.facts.fetched_at, api_calls: context.facts.api_calls.map((call) => ({ ...call })) },
  }));
}
