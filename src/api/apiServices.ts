import type { ConsoleDirectory } from '../web/consoleDirectory';
import type { Registry } from 'prom-client';
import type { ChainVerifier, RoleLookup } from '../audit/auditPorts';
import type { AuditServices } from './audit/auditServices';
import type { Sessions } from '../commands/auth/sessions';
import type { PasswordCheck, SecondFactorCheck } from '../commands/mfa/secondFactorPorts';
import type { TotpEnrollment } from '../commands/mfa/totpEnrollment';
import type { MfaTokens } from './auth/mfaTokens';
import type { RegisterUser } from '../commands/users/registerUser';
import type { UpdateProfile } from '../commands/users/updateProfile';
import type { FileCommands } from '../commands/fileCommands';
import type { BlobStore } from '../ports/blobStore';
import type { EventStore } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import type { ProjectionProgress } from '../projections/projectionProgress';
import type { AccessTokens } from './auth/accessTokens';
import type { LiveSessions } from './auth/liveSessions';
import type { LiveTokens } from './auth/liveTokens';
import type { LiveGrants } from './auth/liveGrants';
import type { JwtOAuthAccessTokens } from './auth/oauthAccessTokens';
import type { ConsentTokens } from './oauth/consentTokens';
import type { ApiTokens } from '../commands/tokens/apiTokens';
import type { RateLimitCounters } from './http/rateLimitCounters';
import type { IdempotencyKeys } from './http/idempotency/idempotencyKeys';
import type { RateLimits } from './http/rateLimiter';
import type { UsageLog } from './usage/usageRecorder';
import type { SyncFeed } from '../sync/syncFeed';
import type { RealtimeServices } from '../realtime/realtimeServices';
import type { LinkServices } from './links/linkServices';
import type { IncomingServices } from './incoming/incomingServices';
import type { WebhookCommands } from '../commands/webhooks/webhookCommands';
import type { DeliveryCommands } from '../commands/webhooks/deliveryCommands';
import type { WebhookReplay } from '../webhooks/replay/webhookReplay';
import type { SendTestDelivery } from '../webhooks/dispatcher/sendTestDelivery';
import type { OtpCodes } from '../commands/mfa/secondFactorPorts';
import type { OAuthAppCommands } from '../commands/oauth/oauthAppCommands';
import type { OAuthClients, OAuthGrants } from '../commands/oauth/oauthPorts';

/** Everything the HTTP layer calls into, handed over by the composition root. */
export interface ApiServices {
  eventStore: EventStore;
  readStore: ReadStore;
  progress: ProjectionProgress;
  accessTokens: AccessTokens;
  /** Whether the session behind an access token is still live (checked on every request, answers reused ≤ CREDENTIAL_CHECK_TTL_MS). */
  liveSessions: LiveSessions;
  /** The API token a secret belongs to, if it may act now (answers reused ≤ CREDENTIAL_CHECK_TTL_MS). */
  liveTokens: LiveTokens;
  /** JWTs third-party apps call with (audience filora-oauth): issued by the OAuth protocol, verified on every request. */
  oauthAccessTokens: JwtOAuthAccessTokens;
  /** Whether an OAuth access token's grant, family and app may still act (read from the grant's stream, answers reused ≤ CREDENTIAL_CHECK_TTL_MS). */
  liveGrants: LiveGrants;
  /** The OAuth consent page's signed request and sign-in tokens. */
  oauthConsent: ConsentTokens;
  apiTokens: ApiTokens;
  /** Registers and manages webhooks (their deliveries have commands of their own). */
  webhookCommands: WebhookCommands;
  /** A webhook's deliveries: an owner's retries and recoveries. */
  deliveryCommands: DeliveryCommands;
  /** Re-sends a webhook's events from the log (POST /webhooks/{id}/replay). */
  webhookReplay: WebhookReplay;
  /** Sends a `webhook.test` event now (POST /webhooks/{id}/test). */
  sendTestDelivery: SendTestDelivery;
  /** Registers and manages users' OAuth apps (clients). */
  oauthApps: OAuthAppCommands;
  /** The OAuth apps as the protocol sees them, read from their streams (no lag). */
  oauthClients: OAuthClients;
  /** The grants users give OAuth apps: codes, token families, revocation. */
  oauthGrants: OAuthGrants;
  /** Walks a stream's hash chain (GET /audit/verify) and names every break. */
  chainVerifier: ChainVerifier;
  /** A user's roles from their stream (a revoke counts at once): who reads every stream's history. */
  roles: RoleLookup;
  /** The audit log's reader and who may read which stream (the /audit routes). */
  audit: AuditServices;
  registerUser: RegisterUser;
  /** Six-digit codes sent by email or SMS (POST /otp/send), checked by POST /auth/verify. */
  otpCodes: OtpCodes;
  sessions: Sessions;
  /** A password checked without a session (the OAuth consent form). */
  passwordCheck: PasswordCheck;
  /** A TOTP or recovery code, for a login's second step, /auth/verify and the OAuth consent. */
  secondFactor: SecondFactorCheck;
  /** A user's own TOTP: enroll, confirm, disable, recovery codes. */
  totp: TotpEnrollment;
  /** Tokens good only for a login's second step. */
  mfaTokens: MfaTokens;
  updateProfile: UpdateProfile;
  /** Files, folders and their content; downloads read the blob store directly. */
  files: FileCommands;
  /** Public links: the owner's commands, downloads through links, their tokens and passwords. */
  links: LinkServices;
  /** Incoming webhooks: management, the call log, the runner of mapped commands, and their verification secrets. */
  incoming: IncomingServices;
  blobStore: BlobStore;
  logger: Logger;
  /** FILORA_PUBLIC_URL's origin, which URLs in answers use instead of the request's Host; null when unset. */
  publicOrigin: string | null;
  /** Where the web console's build is served from (and its sources built from). */
  console: ConsoleDirectory;
  limits: {
    jsonBodyBytes: number;
    readWaitMaxMs: number;
    rate: RateLimits;
    /** Express's `trust proxy`: false, a hop count, or the proxies' addresses (FILORA_TRUST_PROXY). */
    trustProxy: false | number | string[];
    /** Bytes of stored versions per user, or null for no quota. */
    userQuotaBytes: number | null;
    /** Days the request log shows a request (FILORA_USAGE_RETENTION_DAYS). */
    usageRetentionDays: number;
  };
  /** The process's realtime hub and what its transports (ws, Socket.IO, the SSE route) admit clients with. */
  realtime: RealtimeServices;
  /** The sync feed: the horizon, the reader of a user's feed, long-poll wake-ups, and the window cursors stay valid in. */
  sync: SyncFeed;
  /** Where requests of authenticated callers are recorded (batched UsageRecorded events). */
  usage: UsageLog;
  rateLimitCounters: RateLimitCounters;
  /** Idempotency-Key records of writes (the read store's `idempotency_keys`). */
  idempotencyKeys: IdempotencyKeys;
  /** Checks a store is reachable, for /ready. */
  storeChecks: Record<string, () => Promise<void>>;
  /** The process's Prometheus registry, served at GET /metrics (the dispatcher's metrics join it where it runs in this process). */
  metrics: Registry;
}
