import type { Route } from '../route';
import type { JsonObject } from './jsonSchema';
import { documentPath, OperationBuilder } from './operation';
import { SchemaComponents } from './schemaComponents';
import { STANDARD_HEADERS } from './standardHeaders';
import { STANDARD_PARAMETERS } from './standardParameters';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests. Whatever
 * every route of a kind answers (error responses, standard headers, read-your-writes parameters) is
 * added here from the route's properties, so a new route is described fully by declaring it.
 */
export function buildOpenApi(
  routes: readonly Route[],
  info: { title: string; version: string; description?: string },
  /** The `webhooks` section (requests the platform sends), its schemas put among the same components. */
  webhooks?: (schemas: SchemaComponents) => JsonObject,
): JsonObject {
  const schemas = new SchemaComponents();
  const operations = new OperationBuilder(schemas);
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) (paths[documentPath(route)] ??= {})[route.method] = operations.build(route);
  const webhookSection = webhooks?.(schemas);
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    tags: [...new Set([...routes.map((route) => route.tag), ...(webhookSection ? ['webhooks'] : [])])].map((name) => ({ name })),
    paths,
    ...(webhookSection ? { webhooks: webhookSection } : {}),
    components: {
      schemas: schemas.all(),
      headers: STANDARD_HEADERS,
      parameters: STANDARD_PARAMETERS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /api/v1/auth/login' },
      },
    },
    security: [{ bearer: [] }],
  };
}
