import { createHash } from 'node:crypto';

/** How secrets that must be recognised later (refresh tokens, API tokens) are stored: their SHA-256, hex. */
export const sha256Hex = (secret: string): string => createHash('sha256').update(secret).digest('hex');
