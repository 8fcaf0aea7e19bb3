import { toApiError } from '../../../src/api/http/errorHandler';
import { WrongExpectedRevisionError } from '../../../src/ports/errors';

/** Errors of the kind express and body-parser raise (http-errors style): a status, and sometimes a type. */
const httpError = (status: number, props: Record<string, unknown> = {}, base: Error = new Error('boom')) =>
  Object.assign(base, { status, statusCode: status, ...props });

describe('toApiError', () => {
  it('maps body-parser errors by their type', () => {
    expect(toApiError(httpError(413, { type: 'entity.too.large' }))).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(toApiError(httpError(400, { type: 'entity.parse.failed' }))).toMatchObject({ code: 'validation_error', status: 400 });
    expect(toApiError(httpError(415, { type: 'charset.unsupported' }))).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    expect(toApiError(httpError(415, { type: 'encoding.unsupported' }))).toMatchObject({ code: 'unsupported_media_type', status: 415 });
  });

  it('answers 400 to client errors that carry no type: a path that is not percent-encoding, a body that does not decompress', () => {
    expect(toApiError(httpError(400, {}, new URIError("Failed to decode param '%ZZ'")))).toMatchObject({
      code: 'validation_error',
      status: 400,
      message: expect.stringMatching(/percent-encoding/),
    });
    expect(toApiError(httpError(400, { code: 'Z_DATA_ERROR', errno: -3 }, new Error('incorrect header check')))).toMatchObject({
      code: 'validation_error',
      status: 400,
    });
  });

  it("answers 409 with Retry-After when concurrent writers outlast the pipeline's retries", () => {
    expect(toApiError(new WrongExpectedRevisionError('file-x', '3', 4n))).toMatchObject({
      code: 'conflict',
      status: 409,
      headers: { 'Retry-After': '1' },
    });
  });

  it('leaves server-side failures to become a 500', () => {
    expect(toApiError(new Error('disk on fire'))).toBeNull();
    expect(toApiError(httpError(500))).toBeNull();
    expect(toApiError(httpError(503, { type: 'whatever' }))).toBeNull();
  });
});
