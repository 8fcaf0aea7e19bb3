import type { ErrorRequestHandler } from 'express';
import { DomainError } from '../../domain/shared/domainError';
import { WrongExpectedRevisionError } from '../../ports/errors';
import type { Logger } from '../../ports/logger';
import { ApiError } from './apiError';
import type { ErrorCode } from './apiError';
import { withoutPathTokens } from '../links/linkTokenInPath';

const DOMAIN_CODES: Record<DomainError['kind'], ErrorCode> = {
  conflict: 'conflict',
  not_found: 'not_found',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  invalid: 'validation_error',
  too_large: 'payload_too_large',
  unavailable: 'service_unavailable',
  too_many_attempts: 'rate_limited',
};

/** The Retry-After header a refusal carries: when the caller may try again. */
export function retryAfterOf(error: DomainError): Record<string, string> {
  if (error.kind === 'unavailable') return { 'Retry-After': '1' };
  if (error.kind === 'too_many_attempts' && error.retryAt)
    return { 'Retry-After': String(Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000))) };
  return {};
}

/**
 * An error express or body-parser raise for a request they cannot read (http-errors style): a 4xx
 * `status`, and a `type` when body-parser names the cause. Some carry no `type`: a path parameter that
 * is not valid percent-encoding, a compressed body that does not decompress.
 */
interface ClientHttpError {
  status: number;
  type?: unknown;
}

const isClientHttpError = (error: unknown): error is ClientHttpError => {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
};

function clientHttpError(error: ClientHttpError): ApiError {
  if (error.type === 'entity.too.large') return new ApiError('payload_too_large', 'the request body is too large');
  if (error.type === 'entity.parse.failed') return new ApiError('validation_error', 'the request body is not valid JSON');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported')
    return new ApiError('unsupported_media_type', 'the request body encoding is not supported');
  if (error.type === 'request.aborted') return new ApiError('validation_error', 'the request was aborted');
  if (error instanceof URIError) return new ApiError('validation_error', 'the request path is not valid percent-encoding');
  return new ApiError('validation_error', 'the request body could not be read');
}

/**
 * Turns anything thrown into the envelope; only errors we did not foresee become a 500, and they are logged.
 * A raw ZodError is one of those: request parts are parsed by parseOrReject, which throws an ApiError, so a
 * ZodError reaching here came from our own data (a stored event, an internal schema) and is a server fault.
 */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  // The pipeline retries concurrency conflicts a bounded number of times; past that the caller retries.
  if (error instanceof WrongExpectedRevisionError)
    return new ApiError('conflict', 'the resource was changed concurrently; try again', [], { 'Retry-After': '1' });
  if (error instanceof DomainError) {
    const details = error.field ? [{ path: error.field, message: error.message }] : [];
    return new ApiError(DOMAIN_CODES[error.kind], error.message, details, retryAfterOf(error));
  }
  if (isClientHttpError(error)) return clientHttpError(error);
  return null;
}

/** The envelope an ApiError is answered with (DESIGN §5). */
export const errorBody = (apiError: ApiError, requestId: string) => ({
  error: { code: apiError.code, message: apiError.message, details: apiError.details },
  request_id: requestId,
});

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const apiError = toApiError(error) ?? new ApiError('internal_error', 'an unexpected error occurred');
    if (apiError.status >= 500)
      logger.error('request failed', { requestId: res.locals.requestId, method: req.method, path: withoutPathTokens(req.path), error });
    res
      .status(apiError.status)
      .set(apiError.headers)
      .json(errorBody(apiError, res.locals.requestId as string));
  };
}
