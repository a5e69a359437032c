import { z } from 'zod';
import { endpoint, type Endpoint } from '../endpoint.js';

const OpenApiJson = z.looseObject({ openapi: z.literal('3.1.0') }).meta({ description: 'This API as an OpenAPI 3.1 document' });

export const docsApi = {
  openApi: endpoint({
    method: 'get',
    path: '/api/openapi.json',
    group: 'API description',
    access: 'anyone',
    summary: 'This API as an OpenAPI 3.1 document',
    description:
      'Built from the same descriptors and zod schemas the server routes and validates requests with; docs/api.md is generated from it. Any origin may read it.',
    responses: [{ status: 200, description: 'The OpenAPI document', schema: OpenApiJson }],
    errors: [],
  }),
};

export const docsEndpoints: Endpoint[] = Object.values(docsApi);
