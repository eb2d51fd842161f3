import { configSchema } from './config-schema.js';
import { controlSchema } from './control-schema.js';
import { evidenceItemSchema } from './evidence-item-schema.js';
import { evidenceRecordSchema } from './evidence-record-schema.js';
import { evidenceSignatureSchema } from './evidence-signature-schema.js';
import { exceptionResponseSchema } from './exception-response-schema.js';
import { frameworkSchema } from './framework-schema.js';
import { peopleSchema } from './people-schema.js';
import { policySchema } from './policy-schema.js';

/** Every schema Evident publishes under schemas/, keyed by file name. */
export const publishedSchemas: Record<string, object> = {
  'config.schema.json': configSchema,
  'control.schema.json': controlSchema,
  'evidence-item.schema.json': evidenceItemSchema,
  'evidence-record.schema.json': evidenceRecordSchema,
  'evidence-signature.schema.json': evidenceSignatureSchema,
  'exception-response.schema.json': exceptionResponseSchema,
  'framework.schema.json': frameworkSchema,
  'people.schema.json': peopleSchema,
  'policy.schema.json': policySchema,
};
