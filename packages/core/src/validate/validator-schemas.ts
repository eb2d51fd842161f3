import { configSchema } from '../schemas/config-schema.js';
import { controlSchema } from '../schemas/control-schema.js';
import { evidenceItemSchema } from '../schemas/evidence-item-schema.js';
import { evidenceSignatureSchema } from '../schemas/evidence-signature-schema.js';
import { exceptionResponseSchema } from '../schemas/exception-response-schema.js';
import { frameworkSchema } from '../schemas/framework-schema.js';
import { peopleSchema } from '../schemas/people-schema.js';
import { policySchema } from '../schemas/policy-schema.js';

export type SchemaName = 'policy' | 'control' | 'people' | 'person' | 'config' | 'framework' | 'evidenceItem' | 'exceptionResponse' | 'evidenceSignature';

/** The schema behind each validator. `scripts/write-validators.mjs` compiles them ahead of time. */
export const validatorSchemas: Readonly<Record<SchemaName, object>> = {
  policy: policySchema,
  control: controlSchema,
  people: peopleSchema,
  person: peopleSchema.properties.people.items,
  config: configSchema,
  framework: frameworkSchema,
  evidenceItem: evidenceItemSchema,
  exceptionResponse: exceptionResponseSchema,
  evidenceSignature: evidenceSignatureSchema,
};

/**
 * The Ajv options the validators are compiled with. `verbose` gives each error its
 * `parentSchema`, which messages read (allowed keys, descriptions).
 */
export const validatorOptions = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

/**
 * The Ajv options the evidence record validator is compiled with (`compiled-record-validator.ts`): its
 * messages are built from `instancePath` and `message` alone.
 */
export const recordValidatorOptions = { allErrors: true, strict: true } as const;
