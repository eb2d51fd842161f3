import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { configSchema } from '../schemas/config-schema.js';
import { controlSchema } from '../schemas/control-schema.js';
import { frameworkSchema } from '../schemas/framework-schema.js';
import { peopleSchema } from '../schemas/people-schema.js';
import { policySchema } from '../schemas/policy-schema.js';
import { evidenceItemSchema } from '../schemas/evidence-item-schema.js';
import { exceptionResponseSchema } from '../schemas/exception-response-schema.js';

export type SchemaName = 'policy' | 'control' | 'people' | 'person' | 'config' | 'framework' | 'evidenceItem' | 'exceptionResponse';
export type Validators = Record<SchemaName, ValidateFunction>;

const schemas: Record<SchemaName, object> = {
  policy: policySchema,
  control: controlSchema,
  people: peopleSchema,
  person: peopleSchema.properties.people.items,
  config: configSchema,
  framework: frameworkSchema,
  evidenceItem: evidenceItemSchema,
  exceptionResponse: exceptionResponseSchema,
};

/**
 * Validators for every schema, each compiled on first use and then kept: pass the
 * result down instead of keeping it in a module global. `verbose` gives each error
 * its `parentSchema`, which messages read (allowed keys, descriptions).
 */
export function createValidators(): Validators {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const compiled = new Map<SchemaName, ValidateFunction>();
  const validators = {} as Validators;
  for (const name of Object.keys(schemas) as SchemaName[]) {
    Object.defineProperty(validators, name, {
      enumerable: true,
      get: () => {
        let validate = compiled.get(name);
        if (!validate) compiled.set(name, (validate = ajv.compile(schemas[name])));
        return validate;
      },
    });
  }
  return validators;
}
