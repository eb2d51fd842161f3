import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { configSchema } from '../schemas/config-schema.js';
import { controlSchema } from '../schemas/control-schema.js';
import { frameworkSchema } from '../schemas/framework-schema.js';
import { peopleSchema } from '../schemas/people-schema.js';
import { policySchema } from '../schemas/policy-schema.js';
import { evidenceItemSchema } from '../schemas/evidence-item-schema.js';
import { exceptionResponseSchema } from '../schemas/exception-response-schema.js';

export type SchemaName = 'policy' | 'control' | 'people' | 'config' | 'framework' | 'evidenceItem' | 'exceptionResponse';
export type Validators = Record<SchemaName, ValidateFunction>;

/**
 * Compile every schema once; pass the result down instead of keeping it in a module global.
 * `verbose` gives each error its `parentSchema`, which messages read (allowed keys, descriptions).
 */
export function createValidators(): Validators {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return {
    policy: ajv.compile(policySchema),
    control: ajv.compile(controlSchema),
    people: ajv.compile(peopleSchema),
    config: ajv.compile(configSchema),
    framework: ajv.compile(frameworkSchema),
    evidenceItem: ajv.compile(evidenceItemSchema),
    exceptionResponse: ajv.compile(exceptionResponseSchema),
  };
}
