import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

/** scrypt password hashes in the self-describing form `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>`. */
export class PasswordHasher {
  constructor(private readonly log2Cost: number) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.derive(password, salt, this.log2Cost, BLOCK_SIZE, PARALLELISM);
    return ['scrypt', this.log2Cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const [scheme, cost, blockSize, parallelism, salt, key] = encoded.split('$');
    if (scheme !== 'scrypt' || !cost || !blockSize || !parallelism || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await this.derive(password, Buffer.from(salt, 'base64'), Number(cost), Number(blockSize), Number(parallelism));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** Spends the same time as a real verification, so unknown accounts cannot be told apart by timing. */
  async verifyNothing(password: string): Promise<false> {
    await this.derive(password, randomBytes(16), this.log2Cost, BLOCK_SIZE, PARALLELISM);
    return false;
  }

  private derive(password: string, salt: Buffer, log2Cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
    const N = 2 ** log2Cost;
    return scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, {
      N,
      r: blockSize,
      p: parallelism,
      maxmem: 256 * N * blockSize + 1024 * 1024,
    });
  }
}
