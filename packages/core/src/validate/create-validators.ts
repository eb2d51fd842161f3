import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { configSchema } from '../schemas/config-schema.js';
import { controlSchema } from '../schemas/control-schema.js';
import { frameworkSchema } from '../schemas/framework-schema.js';
import { peopleSchema } from '../schemas/people-schema.js';
import { policySchema } from '../schemas/policy-schema.js';

export type SchemaName = 'policy' | 'control' | 'people' | 'config' | 'framework';
export type Validators = Record<SchemaName, ValidateFunction>;

/** Compile every schema once; pass the result down instead of keeping it in a module global. */
export function createValidators(): Validators {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return {
    policy: ajv.compile(policySchema),
    control: ajv.compile(controlSchema),
    people: ajv.compile(peopleSchema),
    config: ajv.compile(configSchema),
    framework: ajv.compile(frameworkSchema),
  };
}
