export type ErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'conflict'
  | 'reset'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable_entity'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'internal_error'
  | 'range_not_satisfiable'
  | 'request_header_fields_too_large'
  | 'service_unavailable';

export const STATUS_OF: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  /** A sync cursor (or `since`) the feed no longer keeps, or never handed out: take a snapshot and start again. */
  reset: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  /** Well-formed, but what it asks cannot be done as sent (an incoming webhook's payload the mapping cannot map). */
  unprocessable_entity: 422,
  /** An Idempotency-Key sent again with another method, path or body than its first request. */
  idempotency_mismatch: 422,
  rate_limited: 429,
  request_header_fields_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
};

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error the API answers as-is in the documented envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}
