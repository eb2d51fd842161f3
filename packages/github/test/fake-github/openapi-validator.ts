import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Validates requests and responses against GitHub's official OpenAPI description, trimmed by
 * scripts/trim-openapi.mjs into ../openapi/. The schema is the contract, not the examples.
 */
export interface OpenApiValidator {
  /** Problems of a response body for an operation and status; empty when it conforms. */
  validate(operationId: string, status: number, body: unknown): string[];
  /** Problems of a request (its decoded path, query and JSON body) for an operation; empty when it conforms. */
  validateRequest(operationId: string, request: { pathname: string; query: URLSearchParams; body: unknown }): string[];
}

interface Parameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

interface Operation {
  method: string;
  path: string;
  parameters?: Parameter[];
  requestBody?: { $ref?: string; required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

/** Path parameters that may hold slashes (a file path, a ref, a branch); the others are one segment. */
const SEGMENT_PARAMETERS = new Set(['owner', 'repo', 'username', 'assignee', 'pull_number', 'issue_number', 'ruleset_id']);

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

let shared: OpenApiValidator | undefined;

/**
 * One validator for every fake GitHub of a test file: it holds only the schemas and what it compiled
 * from them, so each operation's schema is compiled once per file instead of once per fake server.
 */
export function sharedOpenApiValidator(): OpenApiValidator {
  shared ??= createOpenApiValidator();
  return shared;
}

export function createOpenApiValidator(): OpenApiValidator {
  const { operations } = JSON.parse(readFileSync(path.join(openapiDir, 'operations.json'), 'utf8')) as { operations: Record<string, Operation> };
  const { components } = JSON.parse(readFileSync(path.join(openapiDir, 'components.json'), 'utf8')) as { components: Record<string, Record<string, unknown>> };
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const format of ['uri-template', 'int32', 'int64', 'repo.nwo']) ajv.addFormat(format, true);
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

  // Path and query parameters arrive as text: coerce them to the parameter's type, as GitHub reads them.
  const paramsAjv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, coerceTypes: 'array' });
  (addFormats as unknown as (a: Ajv) => void)(paramsAjv);
  for (const format of ['uri-template', 'int32', 'int64', 'repo.nwo']) paramsAjv.addFormat(format, true);
  paramsAjv.addSchema({ $id: DOCUMENT_ID, components: rewriteNullable(components) });
  const requests = new Map<string, { pattern: RegExp; names: string[]; path: ValidateFunction; query: ValidateFunction; body?: ValidateFunction; bodyRequired: boolean }>();

  const requestValidators = (operationId: string) => {
    const known = requests.get(operationId);
    if (known) return known;
    const operation = operations[operationId];
    if (!operation) throw new Error(`Unknown operation ${operationId}: add it to scripts/trim-openapi.mjs`);
    const parameters = (operation.parameters ?? []).map((p) => (p.$ref ? (components.parameters![p.$ref.split('/').pop()!] as Parameter) : p));
    const group = (where: Parameter['in'], additional: boolean) => {
      const chosen = parameters.filter((p) => p.in === where);
      const schema = { type: 'object', properties: Object.fromEntries(chosen.map((p) => [p.name, p.schema ?? {}])), required: chosen.filter((p) => p.required).map((p) => p.name), additionalProperties: additional };
      return paramsAjv.compile(absoluteRefs(rewriteNullable(schema)) as object);
    };
    const names: string[] = [];
    const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), SEGMENT_PARAMETERS.has(name) ? '([^/]+)' : '(.+)'));
    const media = operation.requestBody?.content?.['application/json'];
    const entry = {
      pattern: new RegExp(`^${source}$`),
      names,
      path: group('path', false),
      // GitHub ignores query parameters it does not know, but Evident has no reason to send any.
      query: group('query', false),
      ...(media?.schema ? { body: ajv.compile(absoluteRefs(rewriteNullable(media.schema)) as object) } : {}),
      bodyRequired: operation.requestBody?.required === true,
    };
    requests.set(operationId, entry);
    return entry;
  };

  const problemsOf = (what: string, validate: ValidateFunction) => (validate.errors ?? []).slice(0, 10).map((e) => `${what}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

  return {
    validateRequest(operationId, { pathname, query, body }) {
      const { pattern, names, path: pathValidator, query: queryValidator, body: bodyValidator, bodyRequired } = requestValidators(operationId);
      const problems: string[] = [];
      const match = pattern.exec(pathname);
      if (!match) return [`${operationId} request: path ${pathname} does not match ${operations[operationId]!.path}`];
      const pathParams = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
      if (!pathValidator(pathParams)) problems.push(...problemsOf(`${operationId} request path`, pathValidator));
      const queryParams: Record<string, string | string[]> = {};
      for (const key of new Set(query.keys())) {
        const values = query.getAll(key);
        queryParams[key] = values.length === 1 ? values[0]! : values;
      }
      if (!queryValidator(queryParams)) problems.push(...problemsOf(`${operationId} request query`, queryValidator));
      if (bodyValidator) {
        if (body === undefined) {
          if (bodyRequired) problems.push(`${operationId} request: expected a JSON body`);
        } else if (!bodyValidator(body)) problems.push(...problemsOf(`${operationId} request body`, bodyValidator));
      } else if (body !== undefined) problems.push(`${operationId} request: expected no body`);
      return problems;
    },

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
