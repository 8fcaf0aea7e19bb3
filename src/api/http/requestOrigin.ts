import type { Request } from 'express';

/** The Express setting holding FILORA_PUBLIC_URL's origin (unset: none is configured). */
export const PUBLIC_ORIGIN_SETTING = 'filora public origin';

/**
 * The origin for URLs in answers: FILORA_PUBLIC_URL's when it is set, else `<proto>://<host>` as the client
 * reached the API (the scheme as FILORA_TRUST_PROXY lets X-Forwarded-Proto say; the host as the client wrote it).
 */
export function originOf(req: Request): string {
  const configured: unknown = req.app.get(PUBLIC_ORIGIN_SETTING);
  return typeof configured === 'string' ? configured : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
