import { z } from 'zod';
import type { ZodType } from 'zod';
import { errorEnvelope } from '../errorEnvelope';
import type { HeaderSpec, ResponseSpec, Route } from '../route';
import { isBodyOptional, servedPath } from '../route';
import { ERROR_DESCRIPTIONS, errorStatusesOf } from './errorResponses';
import type { JsonObject } from './jsonSchema';
import { componentRef } from './jsonSchema';
import type { SchemaComponents, SchemaIo } from './schemaComponents';
import { standardHeadersOf } from './standardHeaders';
import { takesIdempotencyKey } from '../idempotency/idempotentWrite';

/** The answer of a write stored before the read models show it (readAfterWrite.ts). */
const ACCEPTED: ResponseSpec = {
  description: 'Stored, but not yet visible in the read models: read again with ?after_position=<position>',
  schema: z
    .object({
      id: z.string().optional(),
      status: z.literal('accepted'),
      position: z.string(),
      message: z.string(),
    })
    .meta({ id: 'Accepted' }),
};

/** Writes below the API that take an Idempotency-Key (see idempotentWrite.ts). */
const idempotent = (route: Route): boolean => takesIdempotencyKey(route) && !route.root;

const BINARY = { type: 'string', format: 'binary' };

/** The route's path in the document: `/api/v1/files/{id}` for `/files/:id`. */
export const documentPath = (route: Route): string => servedPath(route).replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}') || '/';

/** A stable operationId: the method and the path's words, `getFilesIdDownload`. */
export const operationId = (route: Route): string =>
  route.method +
  route.path
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

export class OperationBuilder {
  constructor(private readonly schemas: SchemaComponents) {}

  build(route: Route): JsonObject {
    const body = this.requestBody(route);
    return {
      operationId: operationId(route),
      summary: route.summary,
      tags: [route.tag],
      ...(route.deprecated ? { deprecated: true } : {}),
      ...(route.access === 'public' ? { security: [] } : { 'x-filora-access': route.access }),
      parameters: this.parameters(route),
      ...(body ? { requestBody: body } : {}),
      responses: this.responses(route),
    };
  }

  private parameters(route: Route): JsonObject[] {
    const readYourWrites =
      route.method === 'get' && !route.root ? [componentRef('parameters', 'AfterPosition'), componentRef('parameters', 'MinPosition')] : [];
    const headers = Object.entries(route.requestHeaders ?? {}).map(([name, spec]) => ({
      name,
      in: 'header',
      ...this.header(spec, 'input'),
    }));
    const idempotencyKey = idempotent(route) ? [componentRef('parameters', 'IdempotencyKey')] : [];
    return [...this.fields(route.params, 'path'), ...this.fields(route.query, 'query'), ...readYourWrites, ...idempotencyKey, ...headers];
  }

  private fields(schema: ZodType | undefined, location: 'path' | 'query'): JsonObject[] {
    if (!schema) return [];
    const json = this.schemas.convert(schema, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...propertySchema } = property;
      return {
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: propertySchema,
      };
    });
  }

  private requestBody(route: Route): JsonObject | undefined {
    const content: JsonObject = {};
    if (route.body) content['application/json'] = { schema: this.schemas.convert(route.body, 'input') };
    const streamed = route.streamedBody;
    for (const mediaType of streamed?.mediaTypes ?? []) {
      content[mediaType] = { schema: streamed?.schema ? this.schemas.convert(streamed.schema, 'input') : BINARY };
    }
    return Object.keys(content).length > 0 ? { required: !isBodyOptional(route), content } : undefined;
  }

  private responses(route: Route): JsonObject {
    const specs: Record<number, ResponseSpec> = { ...route.responses };
    // Any write may be stored before the read models show it (see readAfterWrite.ts).
    if (route.method !== 'get' && !route.root) specs[202] ??= ACCEPTED;
    for (const status of errorStatusesOf(route)) specs[status] ??= { description: ERROR_DESCRIPTIONS[status] ?? 'Error' };
    const responses: JsonObject = {};
    for (const [key, spec] of Object.entries(specs)) responses[key] = this.response(route, Number(key), spec);
    return responses;
  }

  private response(route: Route, status: number, spec: ResponseSpec): JsonObject {
    const headers: JsonObject = {};
    for (const name of standardHeadersOf({ status, api: !route.root, write: route.method !== 'get', idempotent: idempotent(route) }))
      headers[name] = componentRef('headers', name);
    for (const [name, header] of Object.entries(spec.headers ?? {})) headers[name] = this.header(header, 'output');
    return { description: spec.description, headers, ...this.content(status, spec) };
  }

  private content(status: number, spec: ResponseSpec): JsonObject {
    if (spec.schema) return { content: { 'application/json': { schema: this.schemas.convert(spec.schema, 'output') } } };
    if (spec.mediaType) return { content: { [spec.mediaType]: { schema: BINARY } } };
    if (status >= 400) return { content: { 'application/json': { schema: this.schemas.convert(errorEnvelope, 'output') } } };
    return {};
  }

  private header(spec: HeaderSpec, io: SchemaIo): JsonObject {
    return {
      description: spec.description,
      ...(spec.required ? { required: true } : {}),
      schema: spec.schema ? this.schemas.convert(spec.schema, io) : { type: 'string' },
    };
  }
}
