import type { ValidateFunction } from 'ajv';
import * as compiled from './compiled-validators.js';
import type { SchemaName } from './validator-schemas.js';

export type { SchemaName } from './validator-schemas.js';
export type Validators = Readonly<Record<SchemaName, ValidateFunction>>;

/**
 * Validators for every schema, compiled ahead of time by `scripts/write-validators.mjs`
 * (compiling them at start-up took a sixth of a check on a small repository). Standalone
 * validators keep their errors on the function, so create one set per run and pass it
 * down instead of sharing it through a module global.
 */
export function createValidators(): Validators {
  const validators = {} as Record<SchemaName, ValidateFunction>;
  for (const [name, validate] of Object.entries(compiled) as [SchemaName, ValidateFunction][]) {
    // A fresh function per set: errors are stored on the function itself.
    const own = ((data: unknown) => {
      const valid = validate(data);
      own.errors = validate.errors;
      return valid;
    }) as ValidateFunction;
    validators[name] = own;
  }
  return validators;
}
