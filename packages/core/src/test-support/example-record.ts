import type { UnsealedRecord } from '../evidence/evidence-record.js';

/** The n-th of a chain of small exception records (n from 1 to 9), for tests that seal and verify chains. */
export const exampleRecord = (n: number): UnsealedRecord => ({
  schema_version: 1,
  id: `exception/example/${n}`,
  kind: 'exception',
  repository: 'example/program',
  recorded_at: `2026-10-0${n}T00:00:00Z`,
  subject: { reason: 'test', detail: `record ${n}` },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-10-01T00:00:00Z', api_calls: [] },
});
