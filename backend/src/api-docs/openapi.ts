import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { ErrorBody } from '@queuetix/contracts/common';
import { accessText, type Endpoint } from './endpoint.js';
import { endpoints } from './endpoints/index.js';
import { namedSchemas } from './schemas.js';

export type OpenApiDocument = ReturnType<typeof createDocument>;

/** Koa's /api/events/:id → OpenAPI's /api/events/{id}. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function operation(endpoint: Endpoint): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const r of endpoint.responses) {
    const content = r.schema
      ? { 'application/json': { schema: r.schema } }
      : r.binary
        ? { [r.contentType ?? 'application/octet-stream']: { schema: { type: 'string' as const, format: 'binary' } } }
        : undefined;
    responses[`${r.status}` as `2${string}`] = { description: r.description, ...(content ? { content } : {}) };
  }
  for (const status of [...new Set(endpoint.errors.map((e) => e.status))]) {
    const cases = endpoint.errors.filter((e) => e.status === status);
    responses[`${status}` as `4${string}`] = {
      description: cases.map((e) => `\`${e.code}\`: ${e.when}`).join('; '),
      content: { 'application/json': { schema: ErrorBody } },
      ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
    };
  }
  const body = endpoint.body;
  return {
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.group],
    'x-access': accessText[endpoint.access],
    ...(endpoint.access === 'anyone' || endpoint.access === 'stripe' ? { security: [] } : {}),
    requestParams: { ...(endpoint.params ? { path: endpoint.params } : {}), ...(endpoint.query ? { query: endpoint.query } : {}) },
    ...(body && 'json' in body
      ? { requestBody: { required: !body.optional, content: { 'application/json': { schema: body.json, example: body.example } } } }
      : {}),
    ...(body && 'multipartImage' in body
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['image'],
                  properties: { image: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, at most 5 MB' } },
                },
              },
            },
          },
        }
      : {}),
    ...(body && 'raw' in body
      ? { requestBody: { required: true, description: body.raw, content: { 'application/json': { schema: { type: 'object' } } } } }
      : {}),
    responses,
  };
}

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of the public API, built from the same zod schemas the server validates with. */
export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const endpoint of endpoints) {
    const path = openApiPath(endpoint.path);
    paths[path] = { ...paths[path], [endpoint.method]: operation(endpoint) };
  }
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Queuetix API',
      version: '1',
      description:
        'Fair event ticketing under a rush. JSON under /api; times are ISO 8601 in UTC; money is integer minor units. Errors: `{ "error": { "code", "message", "details"? } }`.',
    },
    components: {
      schemas: namedSchemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Clerk session token, or a dev sign-in token' } },
    },
    security: [{ bearer: [] }],
    paths,
  });
  return cached;
}
