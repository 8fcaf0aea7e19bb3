import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { z } from 'zod';
import { ApiError } from '../../../src/api/http/apiError';
import { errorHandler } from '../../../src/api/http/errorHandler';
import { parseOrReject } from '../../../src/api/http/validation';
import { DomainError } from '../../../src/domain/shared/domainError';
import type { DomainErrorKind } from '../../../src/domain/shared/domainError';
import type { LogFields, Logger } from '../../../src/ports/logger';

interface Envelope {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
  request_id: string;
}

interface LoggedError {
  message: string;
  fields: LogFields | undefined;
}

function recordingLogger(errors: LoggedError[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message, fields) => void errors.push({ message, fields }),
    child: () => logger,
  };
  return logger;
}

const storedEvent = z.object({ type: z.literal('UserRegistered'), data: z.object({ username: z.string() }) });

/** The ZodError a projection or the pipeline raises when a stored event does not parse. */
function storedEventParseError(): z.ZodError {
  const result = storedEvent.safeParse({ type: 'UserRegistered', data: { username: 42 } });
  if (result.success) throw new Error('expected the stored event not to parse');
  return result.error;
}

let server: Server;
let url: string;
let thrown: unknown;
const logged: LoggedError[] = [];

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = 'req-1';
    next();
  });
  app.get('/validated', (req) => {
    parseOrReject(z.strictObject({ limit: z.coerce.number().int().min(1) }), req.query, 'query');
    throw new Error('the query should not have parsed');
  });
  app.get('/throws', () => {
    throw thrown;
  });
  app.use(errorHandler(recordingLogger(logged)));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  logged.length = 0;
});

async function get(path: string): Promise<{ status: number; headers: Headers; body: Envelope }> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope };
}

async function answerTo(error: unknown): Promise<{ status: number; headers: Headers; body: Envelope }> {
  thrown = error;
  return get('/throws');
}

describe('errorHandler', () => {
  it('answers a request that fails validation with 400 validation_error and a detail per problem, unlogged', async () => {
    const response = await get('/validated?limit=0&extra=1');

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'validation_error',
        message: 'the request query is not valid',
        details: expect.arrayContaining([
          { path: 'query.limit', message: expect.any(String) },
          { path: 'query', message: expect.stringMatching(/extra/) },
        ]),
      },
      request_id: 'req-1',
    });
    expect(logged).toEqual([]);
  });

  it('answers an ApiError with its own code, message, details and headers', async () => {
    const response = await answerTo(
      new ApiError('validation_error', 'the cursor is not valid', [{ path: 'query.cursor', message: 'use next_cursor' }]),
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'validation_error',
        message: 'the cursor is not valid',
        details: [{ path: 'query.cursor', message: 'use next_cursor' }],
      },
      request_id: 'req-1',
    });
    expect(logged).toEqual([]);
  });

  it('answers a raw ZodError, which no request input raises, with 500 internal_error and logs it as the cause', async () => {
    const zodError = storedEventParseError();

    const response = await answerTo(zodError);

    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      error: { code: 'internal_error', message: 'an unexpected error occurred', details: [] },
      request_id: 'req-1',
    });
    expect(JSON.stringify(response.body)).not.toContain('username');
    expect(logged).toEqual([
      {
        message: 'request failed',
        fields: expect.objectContaining({ requestId: 'req-1', method: 'GET', path: '/throws', error: zodError }),
      },
    ]);
  });

  it.each<[DomainErrorKind, number, string]>([
    ['conflict', 409, 'conflict'],
    ['not_found', 404, 'not_found'],
    ['unauthorized', 401, 'unauthorized'],
    ['forbidden', 403, 'forbidden'],
    ['invalid', 400, 'validation_error'],
  ])('answers a DomainError of kind %s with %d %s, unlogged', async (kind, status, code) => {
    const response = await answerTo(new DomainError(kind, `refused: ${kind}`));

    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message: `refused: ${kind}`, details: [] }, request_id: 'req-1' });
    expect(logged).toEqual([]);
  });

  it("names a DomainError's field in the details", async () => {
    const response = await answerTo(new DomainError('conflict', 'the username is taken', 'username'));

    expect(response.status).toBe(409);
    expect(response.body.error.details).toEqual([{ path: 'username', message: 'the username is taken' }]);
  });

  it('answers and logs any other unforeseen error as 500 internal_error', async () => {
    const failure = new Error('disk on fire');

    const response = await answerTo(failure);

    expect(response.status).toBe(500);
    expect(response.body.error).toEqual({ code: 'internal_error', message: 'an unexpected error occurred', details: [] });
    expect(logged).toEqual([{ message: 'request failed', fields: expect.objectContaining({ error: failure }) }]);
  });
});
