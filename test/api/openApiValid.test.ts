import { call } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

type Document = {
  openapi: string;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security: unknown[];
};

const served = async () => {
  const response = await call<Document>(platform.url, 'GET', '/api/v1/openapi.json');
  expect(response.status).toBe(200);
  return response.body;
};

describe('the served OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for a standard validator, every $ref resolving', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(await served());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('keeps shared schemas under components/schemas with stable names, and no $defs anywhere', async () => {
    const document = await served();
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Error',
        'File',
        'FilePage',
        'FileVersion',
        'Folder',
        'PageInfo',
        'Session',
        'User',
        'Accepted',
        'Readiness',
      ]),
    );
    expect(JSON.stringify(document)).not.toContain('$defs');
  });

  it('declares bearer authentication only (no X-API-Key until something accepts it)', async () => {
    const document = await served();
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer']);
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('states the rules the server enforces: sizes ≥ 0, no control characters in names, PATCH needs a field, checked base64', async () => {
    const text = JSON.stringify(await served());
    expect(text).not.toContain('-9007199254740991');
    const document = (await served()) as unknown as {
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
    };
    expect(document.components.schemas.File!.properties.size).toMatchObject({ type: 'integer', minimum: 0 });
    const rename = document.paths['/api/v1/files/{id}']!.patch!.requestBody.content['application/json']!.schema;
    expect(rename).toMatchObject({ minProperties: 1 });
    const namePatterns = JSON.stringify((rename as { properties: { name: unknown } }).properties.name);
    expect(namePatterns).toContain('\\\\u0000-\\\\u001f');
    const upload = document.paths['/api/v1/files']!.post!.requestBody.content;
    expect(upload['application/json']!.schema).toMatchObject({ then: { properties: { content: { contentEncoding: 'base64' } } } });
    expect(upload['multipart/form-data']!.schema.description).toMatch(/all before it .* or all after it/);
  });
});
