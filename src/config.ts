import { z } from 'zod';
import { DEFAULT_PLAN, planName } from './domain/user/plans';
import { DEFAULT_MIN_BACKOFF_MS, DEFAULT_RETRY_DELAYS_MS } from './domain/webhook/retrySchedule';

const positiveInt = z.coerce.number().int().positive();

const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])]);
/**
 * How far X-Forwarded-For is believed: `false` not at all; `true` or a number, that many proxy hops
 * nearest the server; or a comma-separated list of the proxies' addresses or CIDR blocks (each hop in
 * it is trusted to tell the address before it). A client choosing its own address would choose its own
 * rate-limit bucket and pass IP allowlists, so trust only what is really in front of Filora.
 */
const trustProxyFromEnv = z.string().transform((value, context): false | number | string[] => {
  const text = value.trim();
  if (text === 'false' || text === '0' || text === '') return false;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const invalid = entries.filter((entry) => !proxyAddress.safeParse(entry).success);
  if (invalid.length === 0) return entries;
  context.addIssue({ code: 'custom', message: `not a hop count, address or CIDR block: ${invalid.join(', ')}` });
  return z.NEVER;
});

/** Waits between webhook attempts, in ms, comma-separated (`100,200,400`): each failure waits the next one, and none is left after the last. */
const retryDelaysFromEnv = z.string().transform((value, context): number[] => {
  const delays = value.split(',').map((entry) => Number(entry.trim()));
  if (delays.length > 0 && delays.every((delay) => Number.isInteger(delay) && delay > 0)) return delays;
  context.addIssue({ code: 'custom', message: 'must be positive whole milliseconds, comma-separated' });
  return z.NEVER;
});

/** A string that parses as a URL passing `check`. */
const urlWhere = (check: (url: URL) => boolean) => (value: string) => URL.canParse(value) && check(new URL(value));

/** Where email one-time codes go out: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), credentials in the URL. */
const smtpUrl = z.string().refine(
  urlWhere((url) => /^smtps?:$/.test(url.protocol) && url.hostname !== ''),
  'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.com:587',
);

/** The SMS gateway's messages endpoint; its credentials go in FILORA_SMS_ACCOUNT and FILORA_SMS_TOKEN, not in the URL. */
const smsUrl = z.string().refine(
  urlWhere((url) => /^https?:$/.test(url.protocol) && url.username === '' && url.password === ''),
  'must be an http:// or https:// URL without credentials (set FILORA_SMS_ACCOUNT and FILORA_SMS_TOKEN)',
);

/**
 * The origin clients reach Filora at (`https://files.example.com`): when set, the URLs Filora answers
 * (the OAuth issuer and endpoints, public links, incoming webhook URLs) use it instead of the request's
 * Host header, which a client chooses. Kept as the origin alone, without the trailing slash.
 */
const publicUrl = z
  .string()
  .refine(
    urlWhere(
      (url) =>
        /^https?:$/.test(url.protocol) &&
        url.username === '' &&
        url.password === '' &&
        url.pathname === '/' &&
        url.search === '' &&
        url.hash === '',
    ),
    'must be an absolute http:// or https:// URL with no path, query or credentials, e.g. https://files.example.com',
  )
  .transform((value) => new URL(value).origin);

/** `name@domain` or `Display Name <name@domain>`. */
const mailbox = z
  .string()
  .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, e.g. Filora <no-reply@example.com>');

/** Every setting comes from an environment variable; this schema is the single list of them. */
const configSchema = z.object({
  FILORA_PROFILE: z.enum(['embedded', 'distributed']).default('embedded'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('0.0.0.0'),
  FILORA_DATA_DIR: z.string().min(1).default('./data'),
  FILORA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  FILORA_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Each store can be chosen on its own; the profile only sets the defaults. */
  FILORA_EVENT_STORE: z.enum(['sqlite', 'esdb', 'memory']).optional(),
  FILORA_READ_STORE: z.enum(['sqlite', 'mongo']).optional(),
  FILORA_MESSAGE_LOG: z.enum(['sqlite', 'kafka']).optional(),
  FILORA_BLOB_STORE: z.enum(['fs', 'gridfs']).optional(),
  FILORA_ESDB_URL: z.string().startsWith('esdb').optional(),
  FILORA_MONGO_URL: z.string().startsWith('mongodb').optional(),
  FILORA_MONGO_DB: z.string().min(1).default('filora'),
  FILORA_KAFKA_BROKERS: z.string().min(1).optional(),
  FILORA_KAFKA_PARTITIONS: positiveInt.default(4),
  /** HMAC secret for access tokens; the embedded profile generates and keeps one under the data dir when unset. */
  FILORA_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** HMAC key of public links' tokens and password cookies; the embedded profile generates and keeps one under the data dir when unset. */
  FILORA_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Key that seals webhook signing secrets at rest; the embedded profile generates and keeps one under the data dir when unset. */
  FILORA_WEBHOOK_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  FILORA_ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  FILORA_REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
  FILORA_MAX_JSON_BYTES: positiveInt.default(1024 * 1024),
  FILORA_MAX_UPLOAD_BYTES: positiveInt.default(5 * 1024 * 1024 * 1024),
  /** Bytes of stored versions each user may hold; unset means no quota. */
  FILORA_USER_QUOTA_BYTES: positiveInt.optional(),
  /** Most files and folders one recursive folder delete may remove; a bigger tree is deleted subfolder by subfolder. */
  FILORA_MAX_RECURSIVE_DELETE: positiveInt.default(10_000),
  /** How often unreferenced blobs left behind by failed clean-ups are collected (0 disables), and how long after their last release. */
  FILORA_BLOB_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60 * 1000),
  FILORA_BLOB_SWEEP_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60 * 1000),
  /** The plan (and so the rate limits) of users an operator never gave one. */
  FILORA_DEFAULT_PLAN: planName.default(DEFAULT_PLAN),
  /** `report`: every limit is counted and reported in the headers, but nothing is refused (load tests, rolling limits out). */
  FILORA_RATE_LIMIT_MODE: z.enum(['enforce', 'report']).default('enforce'),
  FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: positiveInt.default(60),
  FILORA_READ_WAIT_MAX_MS: z.coerce.number().int().min(0).max(30000).default(5000),
  /** Days the request log keeps a request (the projector prunes older rows; the UsageRecorded events remain). */
  FILORA_USAGE_RETENTION_DAYS: positiveInt.max(3650).default(30),
  /** Days a sync cursor (or `since`) stays valid: an older one answers 410 reset, and the client takes a snapshot. */
  FILORA_SYNC_RETENTION_DAYS: positiveInt.max(3650).default(30),
  FILORA_PROJECTION_BATCH_SIZE: positiveInt.max(10000).default(500),
  /** log2 of scrypt's N; 15 costs about 100 ms and 32 MiB per hash. */
  FILORA_PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  FILORA_SHUTDOWN_TIMEOUT_MS: positiveInt.default(10000),
  FILORA_TRUST_PROXY: trustProxyFromEnv.default(false),
  /** The origin clients reach Filora at; unset, each answer's URLs use the origin the request reached. */
  FILORA_PUBLIC_URL: publicUrl.optional(),
  /** Lets webhooks reach private, loopback, link-local, CGNAT and unique-local addresses (tests, private deployments). */
  FILORA_WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  /** Replaces DESIGN's webhook retry schedule (5 s … 24 h, ±20% jitter), for tests. */
  FILORA_WEBHOOK_RETRY_SCHEDULE: retryDelaysFromEnv.default([...DEFAULT_RETRY_DELAYS_MS]),
  /** The least wait after a 429 or a timeout (DESIGN: 60 s), for tests. */
  FILORA_WEBHOOK_MIN_BACKOFF_MS: positiveInt.default(DEFAULT_MIN_BACKOFF_MS),
  /** How long an attempt's lease keeps others from attempting the same delivery; keep it above the 15 s request timeout. */
  FILORA_WEBHOOK_LEASE_MS: positiveInt.default(60_000),
  /** Where a `dispatcher` process (it serves no API) answers GET /metrics; unset, it serves none. The API roles serve /metrics on PORT. */
  FILORA_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Email one-time codes are offered when this is set. */
  FILORA_SMTP_URL: smtpUrl.optional(),
  FILORA_MAIL_FROM: mailbox.default('Filora <no-reply@localhost>'),
  /** SMS one-time codes are offered when this is set (with the account, token and sender). */
  FILORA_SMS_URL: smsUrl.optional(),
  FILORA_SMS_ACCOUNT: z.string().min(1).optional(),
  FILORA_SMS_TOKEN: z.string().min(1).optional(),
  FILORA_SMS_FROM: z.string().min(1).optional(),
});

type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  FILORA_EVENT_STORE: 'sqlite' | 'esdb' | 'memory';
  FILORA_READ_STORE: 'sqlite' | 'mongo';
  FILORA_MESSAGE_LOG: 'sqlite' | 'kafka';
  FILORA_BLOB_STORE: 'fs' | 'gridfs';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function fail(problems: string[]): never {
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** Parses the environment; a bad value throws a ConfigError naming each offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) fail(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const raw = result.data;
  const distributed = raw.FILORA_PROFILE === 'distributed';
  const config: Config = {
    ...raw,
    FILORA_EVENT_STORE: raw.FILORA_EVENT_STORE ?? (distributed ? 'esdb' : 'sqlite'),
    FILORA_READ_STORE: raw.FILORA_READ_STORE ?? (distributed ? 'mongo' : 'sqlite'),
    FILORA_MESSAGE_LOG: raw.FILORA_MESSAGE_LOG ?? (distributed ? 'kafka' : 'sqlite'),
    FILORA_BLOB_STORE: raw.FILORA_BLOB_STORE ?? (distributed ? 'gridfs' : 'fs'),
  };
  const problems: string[] = [];
  const requires = (when: boolean, name: keyof Config, why: string) => {
    if (when && !config[name]) problems.push(`${name}: required when ${why}`);
  };
  requires(config.FILORA_EVENT_STORE === 'esdb', 'FILORA_ESDB_URL', 'FILORA_EVENT_STORE=esdb');
  requires(
    config.FILORA_READ_STORE === 'mongo' || config.FILORA_BLOB_STORE === 'gridfs',
    'FILORA_MONGO_URL',
    'MongoDB read models or GridFS blobs are used',
  );
  requires(config.FILORA_MESSAGE_LOG === 'kafka', 'FILORA_KAFKA_BROKERS', 'FILORA_MESSAGE_LOG=kafka');
  requires(distributed, 'FILORA_JWT_SECRET', 'FILORA_PROFILE=distributed (every api replica must share it)');
  requires(distributed, 'FILORA_LINK_SECRET', 'FILORA_PROFILE=distributed (every api replica must share it)');
  requires(distributed, 'FILORA_WEBHOOK_KEY', 'FILORA_PROFILE=distributed (the api and dispatcher roles must share it)');
  const sms = 'FILORA_SMS_URL is set (SMS one-time codes)';
  requires(config.FILORA_SMS_URL !== undefined, 'FILORA_SMS_ACCOUNT', sms);
  requires(config.FILORA_SMS_URL !== undefined, 'FILORA_SMS_TOKEN', sms);
  requires(config.FILORA_SMS_URL !== undefined, 'FILORA_SMS_FROM', sms);
  const smsSetting = config.FILORA_SMS_ACCOUNT ?? config.FILORA_SMS_TOKEN ?? config.FILORA_SMS_FROM;
  requires(smsSetting !== undefined, 'FILORA_SMS_URL', 'another FILORA_SMS_ setting is set');
  if (problems.length > 0) fail(problems);
  return config;
}
