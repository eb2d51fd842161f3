import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Validates responses against GitHub's official OpenAPI description, trimmed by
 * scripts/trim-openapi.mjs into ../openapi/. The schema is the contract, not the examples.
 */
export interface OpenApiValidator {
  /** Problems of a response body for an operation and status; empty when it conforms. */
  validate(operationId: string, status: number, body: unknown): string[];
}

interface Operation {
  method: string;
  path: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

const openapiDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi');
const DOCUMENT_ID = 'https://api.github.com/openapi/components.json';
/** A success documented without a body (such as 204 No Content). */
const NO_BODY = { not: {} };

/** OpenAPI 3.0 `nullable: true` → JSON Schema: a `null` type, or `anyOf` with null where there is no type. */
export function rewriteNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteNullable);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const node = Object.fromEntries(Object.entries(rest).map(([key, item]) => [key, rewriteNullable(item)]));
  if (nullable !== true) return node;
  if (typeof node.type === 'string') {
    const out: Record<string, unknown> = { ...node, type: [node.type, 'null'] };
    if (Array.isArray(node.enum)) out.enum = [...node.enum, null];
    return out;
  }
  return { anyOf: [node, { type: 'null' }] };
}

/** Point local `#/components/...` references at the shared components document. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' && item.startsWith('#/') ? `${DOCUMENT_ID}${item}` : absoluteRefs(item)]));
}

export function createOpenApiValidator(): OpenApiValidator {
  const { operations } = JSON.parse(readFileSync(path.join(openapiDir, 'operations.json'), 'utf8')) as { operations: Record<string, Operation> };
  const { components } = JSON.parse(readFileSync(path.join(openapiDir, 'components.json'), 'utf8')) as { components: Record<string, Record<string, unknown>> };
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const format of ['uri-template', 'int32', 'int64']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: DOCUMENT_ID, components: rewriteNullable(components) });
  const compiled = new Map<string, ValidateFunction>();

  const schemaFor = (operationId: string, status: number): unknown => {
    const operation = operations[operationId];
    if (!operation) throw new Error(`Unknown operation ${operationId}: add it to scripts/trim-openapi.mjs`);
    let response = operation.responses[String(status)];
    if (!response) {
      // Faults and rate limits are served for any operation: GitHub's error body is basic-error.
      if (status >= 400) return { $ref: '#/components/schemas/basic-error' };
      return undefined;
    }
    if (response.$ref) response = components.responses![response.$ref.split('/').pop()!] as typeof response;
    const content = response.content ?? {};
    const media = content['application/json'] ?? Object.values(content)[0];
    if (media?.schema) return media.schema;
    // Documented without a body: an error still carries GitHub's basic-error; a success carries nothing.
    return status >= 400 ? { $ref: '#/components/schemas/basic-error' } : NO_BODY;
  };

  return {
    validate(operationId, status, body) {
      const key = `${operationId} ${status}`;
      let validate = compiled.get(key);
      if (!validate) {
        const schema = schemaFor(operationId, status);
        if (schema === undefined) return [`${operationId} does not document HTTP ${status}`];
        if (schema === NO_BODY) return body === undefined ? [] : [`${operationId} ${status}: expected no body`];
        validate = ajv.compile(absoluteRefs(rewriteNullable(schema)) as object);
        compiled.set(key, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).slice(0, 10).map((e) => `${operationId} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}
