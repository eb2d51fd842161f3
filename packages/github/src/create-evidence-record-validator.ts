import { publishedSchemas, type EvidenceRecord } from '@evident/core';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** Problems of a record against the published schema (schemas/evidence-record.schema.json); empty when valid. */
export type EvidenceRecordValidator = (record: unknown) => string[];

/** The record failed its schema: a bug in the code that built it. Nothing is written. */
export class InvalidEvidenceRecordError extends Error {
  override name = 'InvalidEvidenceRecordError';
  constructor(readonly recordId: string, readonly problems: string[]) {
    super(`Evidence record \`${recordId}\` does not match schemas/evidence-record.schema.json: ${problems.join('; ')}`);
  }
}

/** Compile the evidence record schema once; pass the validator down. */
export function createEvidenceRecordValidator(): EvidenceRecordValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(publishedSchemas['evidence-record.schema.json']!);
  return (record) => (validate(record) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
}

/** Throw InvalidEvidenceRecordError unless the record matches the schema. */
export function assertValidRecord(validate: EvidenceRecordValidator, record: EvidenceRecord): void {
  const problems = validate(record);
  if (problems.length > 0) throw new InvalidEvidenceRecordError(record.id, problems);
}
