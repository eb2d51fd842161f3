import type { EvidenceRecord } from '@evident/core';
import type { ErrorObject } from 'ajv';
import { evidenceRecord as compiled } from './compiled-record-validator.js';

/** The standalone validator (scripts/write-validators.mjs) keeps its errors on itself. */
const validateRecord = compiled as typeof compiled & { errors?: ErrorObject[] | null };

/** Problems of a record against the published schema (schemas/evidence-record.schema.json); empty when valid. */
export type EvidenceRecordValidator = (record: unknown) => string[];

/** The record failed its schema: a bug in the code that built it. Nothing is written. */
export class InvalidEvidenceRecordError extends Error {
  override name = 'InvalidEvidenceRecordError';
  constructor(readonly recordId: string, readonly problems: string[]) {
    super(`Evidence record \`${recordId}\` does not match schemas/evidence-record.schema.json: ${problems.join('; ')}`);
  }
}

/**
 * The evidence record validator. It is compiled ahead of time by `scripts/write-validators.mjs`
 * (compiling it at run time took 0.3 to 0.5 s of every command that reads or writes the evidence
 * branch), so creating one costs nothing; its errors are read as soon as it returns.
 */
export function createEvidenceRecordValidator(): EvidenceRecordValidator {
  return (record) => (validateRecord(record) ? [] : (validateRecord.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
}

/** Throw InvalidEvidenceRecordError unless the record matches the schema. */
export function assertValidRecord(validate: EvidenceRecordValidator, record: EvidenceRecord): void {
  const problems = validate(record);
  if (problems.length > 0) throw new InvalidEvidenceRecordError(record.id, problems);
}
