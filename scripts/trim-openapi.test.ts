import { describe, expect, it } from '@jest/globals';
// @ts-expect-error a plain ESM script without type declarations
import { trimOpenApi } from './trim-openapi.mjs';

describe('scripts/trim-openapi.mjs', () => {
  it('keeps the chosen operations and every component they reach, without examples', () => {
    const description = {
      paths: {
        '/a/{id}': {
          get: {
            operationId: 'things/get',
            responses: {
              '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/thing' }, examples: { default: { $ref: '#/components/examples/thing' } } } } },
              '404': { $ref: '#/components/responses/not_found' },
            },
          },
          post: { operationId: 'things/create', responses: { '201': { content: {} } } },
        },
      },
      components: {
        schemas: { thing: { type: 'object', properties: { owner: { $ref: '#/components/schemas/user' } } }, user: { type: 'object' }, unused: { type: 'string' }, 'basic-error': { type: 'object' } },
        responses: { not_found: { content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } } } },
        examples: { thing: { value: {} } },
      },
    };
    const trimmed = trimOpenApi(description, ['GET /a/{id}']);
    expect(Object.keys(trimmed.operations)).toEqual(['things/get']);
    expect(trimmed.operations['things/get'].responses['200'].content['application/json']).toEqual({ schema: { $ref: '#/components/schemas/thing' } });
    expect(Object.keys(trimmed.components.schemas)).toEqual(['basic-error', 'thing', 'user']);
    expect(Object.keys(trimmed.components)).toEqual(['responses', 'schemas']);
    expect(() => trimOpenApi(description, ['DELETE /a/{id}'])).toThrow('Unknown operation DELETE /a/{id}');
  });

  it("keeps each operation's parameters and request body, and the components they reach", () => {
    const description = {
      paths: {
        '/a/{id}': {
          parameters: [{ $ref: '#/components/parameters/id' }],
          post: {
            operationId: 'things/update',
            parameters: [{ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/change' }, examples: { default: { value: {} } } } } },
            responses: { '204': { description: 'No content' } },
          },
        },
      },
      components: {
        parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } },
        schemas: { change: { type: 'object' }, 'basic-error': { type: 'object' } },
      },
    };
    const trimmed = trimOpenApi(description, ['POST /a/{id}']);
    expect(trimmed.operations['things/update'].parameters).toEqual([{ $ref: '#/components/parameters/id' }, { name: 'dry_run', in: 'query', schema: { type: 'boolean' } }]);
    expect(trimmed.operations['things/update'].requestBody).toEqual({ content: { 'application/json': { schema: { $ref: '#/components/schemas/change' } } } });
    expect(Object.keys(trimmed.components.parameters)).toEqual(['id']);
    expect(Object.keys(trimmed.components.schemas)).toEqual(['basic-error', 'change']);
  });
});
