import { z } from 'zod';
import type { ZodType } from 'zod';
import { errorEnvelope } from './errorEnvelope';
import type { Route } from './route';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;

function parameters(schema: ZodType | undefined, location: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const BINARY = { type: 'string', format: 'binary' };

function requestBody(route: Route): JsonSchema | undefined {
  const content: Record<string, JsonSchema> = {};
  if (route.body) content['application/json'] = { schema: toSchema(route.body, 'input') };
  for (const mediaType of route.streamedBody?.mediaTypes ?? []) {
    content[mediaType] = { schema: route.streamedBody?.schema ? toSchema(route.streamedBody.schema, 'input') : BINARY };
  }
  return Object.keys(content).length > 0 ? { required: true, content } : undefined;
}

function response(spec: Route['responses'][number]): JsonSchema {
  if (spec.schema) return { description: spec.description, content: { 'application/json': { schema: toSchema(spec.schema, 'output') } } };
  if (spec.mediaType) return { description: spec.description, content: { [spec.mediaType]: { schema: BINARY } } };
  return { description: spec.description };
}

/** Any write may answer this when the read models lag behind it by more than the wait bound (see readAfterWrite.ts). */
const ACCEPTED_RESPONSE = {
  description: 'Stored, but not yet visible in the read models: read again with ?after_position=<position>',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['status', 'position'],
        properties: { id: { type: 'string' }, status: { const: 'accepted' }, position: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
const ERROR_RESPONSE = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests. */
export function buildOpenApi(routes: readonly Route[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
    const responses: Record<string, JsonSchema> = {};
    for (const [status, spec] of Object.entries(route.responses)) responses[status] = response(spec);
    responses['4XX'] = ERROR_RESPONSE;
    if (route.method !== 'get') responses['202'] ??= ACCEPTED_RESPONSE;
    const body = requestBody(route);
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public' ? { security: [] } : { 'x-filora-access': route.access }),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(body ? { requestBody: body } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: toSchema(errorEnvelope, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
    security: [{ bearer: [] }, { apiKeyHeader: [] }],
  };
}
