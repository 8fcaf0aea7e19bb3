import type { Request } from 'express';

/** `<proto>://<host>` as the client reached the API (the scheme as FILORA_TRUST_PROXY lets X-Forwarded-Proto say), for URLs in answers. */
export const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;
