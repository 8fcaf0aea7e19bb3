import { ApiFailure } from '../api/failure';

/** A failure banner's title: after too many attempts (429), the time the API says to try again. */
export function failureTitle(error: unknown, fallback: string): string {
  if (!(error instanceof ApiFailure) || error.status !== 429) return fallback;
  if (error.retryAfter === null) return 'Too many attempts: wait a little, then try again';
  const at = new Date(Date.now() + error.retryAfter * 1000);
  return `Too many attempts: try again at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}
