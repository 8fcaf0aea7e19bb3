import type { AttemptErrorClass } from '../../domain/webhook/deliveryEvents';
import { SsrfRefusedError } from './pinnedLookup';

/** The attempt ran out of time: before the connection (and TLS handshake) was up, or in all. */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
  constructor(phase: 'connect' | 'total', ms: number) {
    super(phase === 'connect' ? `no connection within ${ms} ms` : `no complete answer within ${ms} ms`);
  }
}

/** The error class of an answer: null for 2xx; redirects are failures and never followed. */
export function errorClassOfStatus(status: number): AttemptErrorClass | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 410) return 'gone';
  if (status === 429) return 'rate_limited';
  return 'http_status';
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
/** OpenSSL's certificate codes (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, …) and Node's ERR_TLS_… and ERR_SSL_… codes. */
const TLS_CODE = /CERT|TLS|SSL|^EPROTO$/;

/** The error class of an attempt that got no answer. */
export function errorClassOfFailure(error: unknown): AttemptErrorClass {
  if (error instanceof SsrfRefusedError) return 'ssrf_refused';
  if (error instanceof AttemptTimeoutError) return 'timeout';
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  if (DNS_CODES.has(code)) return 'dns';
  if (TLS_CODE.test(code)) return 'tls';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'connect';
}

/**
 * What the owner reads of a failure with no answer (the test route's answer, the attempt log). A refused or
 * unresolved name says only that: the address it resolved to, or the resolver's own words, stay in the server log.
 */
export function ownerMessageOf(error: unknown, host: string): string {
  if (error instanceof SsrfRefusedError) return error.message;
  if (errorClassOfFailure(error) === 'dns') return `${host} did not resolve`;
  return error instanceof Error ? error.message : String(error);
}
