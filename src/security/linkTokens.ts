import { createHmac, timingSafeEqual } from 'node:crypto';

const ID_BYTES = 16;
const MAC_BYTES = 32;
const ID_CHARS = 22;
const MAC_CHARS = 43;
/** Every token: 22 characters of link id, 43 of HMAC, both base64url. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{65}$/;
const ACCESS_PROOF_FORMAT = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Public links' tokens and password cookies, both HMAC-SHA256 under one server key, so nothing secret is
 * stored: a token is `base64url(link id) + base64url(HMAC(key, "link:" + id))`, recomputed whenever the
 * owner asks for the link's URL again and checked in constant time when someone presents it. Rotating the
 * key (FILORA_LINK_SECRET) invalidates every link's token and every access cookie.
 */
export class LinkTokens {
  constructor(private readonly key: string) {}

  tokenOf(linkId: string): string {
    return uuidBytes(linkId).toString('base64url') + this.mac(`link:${linkId}`).toString('base64url');
  }

  /** The link id a token stands for, or null for a token this server did not issue. */
  linkIdOf(token: string): string | null {
    if (!TOKEN_FORMAT.test(token)) return null;
    const id = Buffer.from(token.slice(0, ID_CHARS), 'base64url');
    const presented = Buffer.from(token.slice(ID_CHARS), 'base64url');
    if (id.length !== ID_BYTES || presented.length !== MAC_BYTES) return null;
    // Other spellings of the same bytes (the last character's unused bits) are not tokens this server issued.
    if (id.toString('base64url') + presented.toString('base64url') !== token) return null;
    const linkId = uuidOf(id);
    return timingSafeEqual(presented, this.mac(`link:${linkId}`)) ? linkId : null;
  }

  /**
   * Proof that the holder gave the link's password, good until `expiresAtMs` and while the password stays
   * the one of `passwordVersion`: `<expiry ms>.<HMAC(key, "link-access:" + id|expiry|version)>`.
   */
  accessProof(linkId: string, passwordVersion: number, expiresAtMs: number): string {
    return `${expiresAtMs}.${this.proofMac(linkId, passwordVersion, expiresAtMs).toString('base64url')}`;
  }

  isValidAccessProof(proof: string, linkId: string, passwordVersion: number, nowMs: number): boolean {
    const match = ACCESS_PROOF_FORMAT.exec(proof);
    if (!match) return false;
    const expiresAtMs = Number(match[1]);
    if (expiresAtMs <= nowMs) return false;
    const presented = Buffer.from(match[2]!, 'base64url');
    return presented.length === MAC_BYTES && timingSafeEqual(presented, this.proofMac(linkId, passwordVersion, expiresAtMs));
  }

  private proofMac(linkId: string, passwordVersion: number, expiresAtMs: number): Buffer {
    return this.mac(`link-access:${linkId}|${expiresAtMs}|${passwordVersion}`);
  }

  private mac(message: string): Buffer {
    return createHmac('sha256', this.key).update(message).digest();
  }
}

export const LINK_TOKEN_CHARS = ID_CHARS + MAC_CHARS;
