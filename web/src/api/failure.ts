/** One field the API found wrong: `body.name`, `query.limit`, … */
export interface FailureDetail {
  path: string;
  message: string;
}

/** An answer in the API's error envelope (or a network failure, with status 0), ready to show. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FailureDetail[] = [],
    readonly requestId: string | null = null,
    /** Seconds the API asked to wait (Retry-After), when it did. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

interface Envelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  request_id?: unknown;
}

const isDetail = (value: unknown): value is FailureDetail =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FailureDetail).path === 'string' &&
  typeof (value as FailureDetail).message === 'string';

/** Reads the error envelope of a failed answer; anything else still gives a readable failure. */
export function failureOf(status: number, statusText: string, bodyText: string, retryAfterHeader: string | null): ApiFailure {
  const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  try {
    const envelope = JSON.parse(bodyText) as Envelope;
    const error = envelope.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      const details = Array.isArray(error.details) ? error.details.filter(isDetail) : [];
      const requestId = typeof envelope.request_id === 'string' ? envelope.request_id : null;
      return new ApiFailure(status, error.code, error.message, details, requestId, retryAfter);
    }
  } catch {
    // not JSON: described by its status below
  }
  return new ApiFailure(status, 'http_error', `the server answered ${status} ${statusText}`.trim(), [], null, retryAfter);
}

export const networkFailure = (cause: unknown): ApiFailure =>
  new ApiFailure(0, 'network_error', `the server could not be reached (${cause instanceof Error ? cause.message : String(cause)})`);
