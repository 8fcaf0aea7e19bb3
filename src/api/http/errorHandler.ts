import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError } from '../../domain/shared/domainError';
import type { Logger } from '../../ports/logger';
import { ApiError } from './apiError';
import type { ErrorCode } from './apiError';
import { zodDetails } from './validation';

const DOMAIN_CODES: Record<DomainError['kind'], ErrorCode> = {
  conflict: 'conflict',
  not_found: 'not_found',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  invalid: 'validation_error',
};

interface BodyParserError {
  type: string;
  status?: number;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && typeof (error as { status?: unknown }).status === 'number';

/** Turns anything thrown into the envelope; only errors we did not foresee become a 500, and they are logged. */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return new ApiError('validation_error', 'the request is not valid', zodDetails(error));
  if (error instanceof DomainError) return new ApiError(DOMAIN_CODES[error.kind], error.message, error.field ? [{ path: error.field, message: error.message }] : []);
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') return new ApiError('payload_too_large', 'the request body is too large');
    if (error.type === 'entity.parse.failed') return new ApiError('validation_error', 'the request body is not valid JSON');
    if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') return new ApiError('unsupported_media_type', 'the request body encoding is not supported');
    if (error.type === 'request.aborted') return new ApiError('validation_error', 'the request was aborted');
    if (error.status !== undefined && error.status >= 400 && error.status < 500) return new ApiError('validation_error', 'the request body could not be read');
  }
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const apiError = toApiError(error) ?? new ApiError('internal_error', 'an unexpected error occurred');
    if (apiError.status >= 500) logger.error('request failed', { requestId: res.locals.requestId, method: req.method, path: req.path, error });
    res.status(apiError.status).set(apiError.headers).json({
      error: { code: apiError.code, message: apiError.message, details: apiError.details },
      request_id: res.locals.requestId,
    });
  };
}
