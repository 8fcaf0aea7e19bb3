import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new signing secret, Standard Webhooks' shape: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

/** The HMAC key Standard Webhooks signs with: the secret's bytes, without the prefix. */
export const standardSigningKey = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');

const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_FORMAT = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]+)$/;

export class SealedSecretError extends Error {
  override readonly name = 'SealedSecretError';
}

/**
 * Webhook signing secrets at rest. Unlike API tokens they cannot be stored as hashes (the dispatcher signs
 * with the secret itself), so events and read models hold them sealed with AES-256-GCM under a server key
 * (FILORA_WEBHOOK_KEY, or a `webhook-key` file generated in the data dir): a leaked database or event log
 * does not let anyone forge deliveries. Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export class WebhookSecretBox {
  private readonly key: Buffer;
  private readonly digestKey: Buffer;

  /** `serverKey` is any high-entropy text; SHA-256 makes it the 32-byte AES key (and, apart, the digest key). */
  constructor(serverKey: string) {
    this.key = createHash('sha256').update(`filora-webhook-secrets:${serverKey}`).digest();
    this.digestKey = createHash('sha256').update(`filora-keyed-digests:${serverKey}`).digest();
  }

  /**
   * HMAC-SHA256 (hex) of `text` under a key derived from the server key: a stored fingerprint of something that
   * may hold a password cannot be tried against guesses without the key.
   */
  keyedDigest(text: string): string {
    return createHmac('sha256', this.digestKey).update(text).digest('hex');
  }

  /** A new secret (newWebhookSecret), for the webhook commands that issue one and seal it at once. */
  newSecret(): string {
    return newWebhookSecret();
  }

  seal(secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [SEALED_VERSION, ...parts].join('.');
  }

  /** The secret; throws SealedSecretError when the text was not sealed under this key (or was altered). */
  open(sealed: string): string {
    const match = SEALED_FORMAT.exec(sealed);
    if (!match) throw new SealedSecretError('not a sealed webhook secret');
    const [iv, tag, ciphertext] = [match[1]!, match[2]!, match[3]!].map((part) => Buffer.from(part, 'base64url'));
    if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) throw new SealedSecretError('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    try {
      return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedSecretError('the webhook secret was sealed under another key, or altered');
    }
  }
}

/** A stored secret as the WEBHOOKS read model keeps them: newest first, a previous one until its expiry. */
export interface StoredWebhookSecret {
  encryptedSecret: string;
  expiresAt: string | null;
}

/** The secrets that sign at `now`, opened, newest first: the current one, and a rotated-out one until it expires. */
export function openSigningSecrets(box: Pick<WebhookSecretBox, 'open'>, secrets: readonly StoredWebhookSecret[], now: Date): string[] {
  return secrets
    .filter((secret) => secret.expiresAt === null || new Date(secret.expiresAt) > now)
    .map((secret) => box.open(secret.encryptedSecret));
}
