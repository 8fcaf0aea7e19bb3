import 'reflect-metadata';
import { consoleDirectory } from './web/consoleDirectory';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { container as rootContainer, instanceCachingFactory } from 'tsyringe';
import { FsBlobStore } from './adapters/blobStore/fsBlobStore';
import { GridFsBlobStore } from './adapters/blobStore/gridfsBlobStore';
import { EsdbEventStore } from './adapters/eventStore/esdbEventStore';
import { MemoryEventStore } from './adapters/eventStore/memoryEventStore';
import { SqliteEventStore } from './adapters/eventStore/sqliteEventStore';
import { KafkaMessageLog } from './adapters/messageLog/kafkaMessageLog';
import { SqliteMessageLog } from './adapters/messageLog/sqliteMessageLog';
import { MongoReadStore } from './adapters/readStore/mongoReadStore';
import { SqliteReadStore } from './adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from './adapters/sqlite/sqliteDatabase';
import { EventStoreChainVerifier } from './audit/verify/eventStoreChainVerifier';
import { AUDIT_LOG_READER, EventStoreAuditLogReader } from './audit/read/auditLogReader';
import { PolicyStreamAccess } from './audit/streamAccess';
import type { ApiServices } from './api/apiServices';
import type { RateLimitCounters } from './api/http/rateLimitCounters';
import { IdempotencyKeys } from './api/http/idempotency/idempotencyKeys';
import { LocalRateLimitCounters } from './api/http/rateLimit/localRateLimitCounters';
import { SharedRateLimitCounters } from './api/http/rateLimit/sharedRateLimitCounters';
import { AccessTokens } from './api/auth/accessTokens';
import { LiveSessions } from './api/auth/liveSessions';
import { LiveTokens } from './api/auth/liveTokens';
import { CredentialCheck } from './api/auth/credentialCheck';
import { JwtOAuthAccessTokens } from './api/auth/oauthAccessTokens';
import { ConsentTokens } from './api/oauth/consentTokens';
import { LiveGrants } from './api/auth/liveGrants';
import { OAuthGrantCommands } from './commands/oauth/oauthGrantCommands';
import { DEFAULT_SEND_LIMITS } from './realtime/connection';
import { DEFAULT_HUB_OPTIONS, RealtimeHub } from './realtime/realtimeHub';
import { CREDENTIAL_SWEEP_INTERVAL_MS } from './realtime/realtimeServices';
import { ApiTokens } from './commands/tokens/apiTokens';
import { LINK_DOWNLOAD_ATTEMPTS, LinkDownloads } from './commands/links/linkDownloads';
import { PublicLinks } from './commands/links/publicLinks';
import { LinkTokens } from './security/linkTokens';
import { PasswordHasher } from './security/passwordHasher';
import { Sessions } from './commands/auth/sessions';
import { PipelinePasswordCheck } from './commands/mfa/passwordCheck';
import { TotpEnrollment } from './commands/mfa/totpEnrollment';
import { TotpSecondFactor } from './commands/mfa/totpSecondFactor';
import { MfaTokens } from './api/auth/mfaTokens';
import { CommandPipeline } from './commands/pipeline';
import { BlobSweeper } from './jobs/blobSweeper';
import { UsageLogPruner } from './jobs/usageLogPruner';
import { IdempotencySweeper } from './jobs/idempotencySweeper';
import { ShareExpirer } from './jobs/shareExpirer';
import { DEFAULT_USAGE_RECORDER_OPTIONS, newUsageStreamId, UsageRecorder } from './api/usage/usageRecorder';
import { NameClaims } from './commands/claims/nameClaims';
import { entryClaimUsage } from './commands/entries/entryNames';
import type { FileCommands } from './commands/fileCommands';
import { createFileCommands } from './commands/fileCommands';
import { userClaimUsage } from './commands/users/userClaimUsage';
import { ChangePlan } from './commands/users/changePlan';
import { ChangeRole } from './commands/users/changeRole';
import { UserRoles } from './commands/users/userRoles';
import { RegisterUser } from './commands/users/registerUser';
import { UpdateProfile } from './commands/users/updateProfile';
import type { Config } from './config';
import { Relay } from './dispatch/relay';
import type { Clock } from './ports';
import { TOKENS } from './ports';
import type { BlobStore } from './ports/blobStore';
import type { EventStore } from './ports/eventStore';
import type { Logger } from './ports/logger';
import type { MessageLog } from './ports/messageLog';
import type { ReadStore } from './ports/readStore';
import { allProjections } from './projections/allProjections';
import { CheckpointObserver } from './projections/checkpointObserver';
import { UnreferencedBlobsQuery } from './projections/blobs/unreferencedBlobsQuery';
import { ProjectionManager } from './projections/projectionManager';
import type { ProjectionProgress } from './projections/projectionProgress';
import { readModelFolderContents } from './projections/folders/folderContentsQuery';
import { readModelStoredBytes } from './projections/stats/storedBytesQuery';
import { accessProjection } from './projections/access/accessProjection';
import { AccessHistoryAudience } from './sync/feedAudience';
import { FeedWakeups } from './sync/feedWakeups';
import { FeedWindow } from './sync/feedWindow';
import { LogFeedReader } from './sync/logFeedReader';
import { FEED_ITEMS } from './sync/feedItem';
import { ProjectionHorizon } from './sync/projectionHorizon';
import { WebhookCommands } from './commands/webhooks/webhookCommands';
import { countWebhooksOf } from './projections/webhooks/webhookQueries';
import { OAuthAppCommands } from './commands/oauth/oauthAppCommands';
import { EventSourcedOAuthClients } from './commands/oauth/eventSourcedOAuthClients';
import { countAppsOf } from './projections/oauth/oauthAppQueries';
import { WebhookSecretBox } from './security/webhookSecrets';
import { OneTimeCodes } from './commands/otp/otpCodes';
import { CountedSendLimits } from './api/otp/countedSendLimits';
import type { ConfiguredNotifiers } from './adapters/notifier/notifiersFromConfig';
import { closeNotifiers, notifiersFromConfig } from './adapters/notifier/notifiersFromConfig';
import { IncomingWebhookCommands } from './commands/incoming/incomingWebhookCommands';
import { IncomingCalls } from './commands/incoming/incomingCalls';
import { IncomingRunner } from './incoming/run/incomingRunner';
import { countIncomingWebhooksOf } from './projections/incoming/incomingWebhookQueries';
import { DeliveryCommands } from './commands/webhooks/deliveryCommands';
import { dueDeliveries } from './projections/deliveries/deliveryQueries';
import { createDispatcher } from './webhooks/dispatcher/createDispatcher';
import { deliveryJobPublisher } from './webhooks/dispatcher/deliveryJobs';
import { WebhookDispatcher } from './webhooks/dispatcher/dispatcher';
import { HttpWebhookSender } from './webhooks/http/httpWebhookSender';
import { toWebhookBody } from './webhooks/payloads/toWebhookBody';
import { WebhookReplay } from './webhooks/replay/webhookReplay';
import { createMetricsRegistry } from './shared/metricsRegistry';
import { PromDispatcherMetrics } from './webhooks/metrics/promDispatcherMetrics';
import type { AttemptDeps } from './webhooks/dispatcher/attemptDelivery';
import { testDeliverySender } from './webhooks/dispatcher/sendTestDelivery';
import { signHeaders } from './webhooks/signing/signHeaders';
import { Registry } from 'prom-client';

/** The running platform as one process of a given role sees it. */
export interface Platform {
  container: DependencyContainer;
  config: Config;
  logger: Logger;
  eventStore: EventStore;
  readStore: ReadStore;
  blobStore: BlobStore;
  messageLog: MessageLog;
  projections: ProjectionManager;
  relay: Relay;
  /** Webhook deliveries: the `serve` and `dispatcher` roles start it (main.ts). */
  dispatcher: WebhookDispatcher;
  /** Collects blobs whose clean-up failed; started here when FILORA_BLOB_SWEEP_INTERVAL_MS > 0. */
  blobSweeper: BlobSweeper;
  /** Keeps the request log to FILORA_USAGE_RETENTION_DAYS; the roles that run projections start it (main.ts). */
  usagePruner: UsageLogPruner;
  idempotencySweeper: IdempotencySweeper;
  /** Records ShareExpired for shares past their expiry (projector role, started by main.ts). */
  shareExpirer: ShareExpirer;
  api: ApiServices;
  close(): Promise<void>;
}

type Closer = () => Promise<void>;

/** The embedded profile's SQLite file: events, read models and the message log. */
export const embeddedDatabasePath = (config: Config): string => join(config.FILORA_DATA_DIR, 'filora.db');

/** Embedded secret for access tokens: generated once and kept beside the data, so sessions survive restarts. */
const jwtSecret = (config: Config): string => configuredOrKeptSecret(config, config.FILORA_JWT_SECRET, 'jwt-secret');

/** Embedded key of public links: generated once and kept beside the data, so links' tokens survive restarts. */
const linkSecret = (config: Config): string => configuredOrKeptSecret(config, config.FILORA_LINK_SECRET, 'link-secret');

/** Embedded key that seals webhook signing secrets: generated once and kept beside the data, so webhooks keep signing after restarts. */
const webhookKey = (config: Config): string => configuredOrKeptSecret(config, config.FILORA_WEBHOOK_KEY, 'webhook-key');

/** The configured secret, or one generated into the data dir on first use and read back from there after. */
function configuredOrKeptSecret(config: Config, configured: string | undefined, fileName: string): string {
  if (configured) return configured;
  const path = join(config.FILORA_DATA_DIR, fileName);
  if (!existsSync(path)) {
    mkdirSync(config.FILORA_DATA_DIR, { recursive: true });
    writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  return readFileSync(path, 'utf8').trim();
}

async function openStores(config: Config, logger: Logger, closers: Closer[]) {
  let sqlite: SqliteDatabase | undefined;
  const sqliteDatabase = () => {
    if (!sqlite) {
      const opened = new SqliteDatabase({ path: embeddedDatabasePath(config), synchronous: config.FILORA_SQLITE_SYNCHRONOUS });
      sqlite = opened;
      closers.push(() => opened.close());
    }
    return sqlite;
  };
  let mongo: MongoClient | undefined;
  const mongoDb = async () => {
    if (!mongo) {
      const client = await MongoClient.connect(config.FILORA_MONGO_URL!);
      mongo = client;
      closers.push(() => client.close());
    }
    return mongo.db(config.FILORA_MONGO_DB);
  };

  const eventStore: EventStore =
    config.FILORA_EVENT_STORE === 'esdb'
      ? EsdbEventStore.fromConnectionString(config.FILORA_ESDB_URL!, logger)
      : config.FILORA_EVENT_STORE === 'memory'
        ? new MemoryEventStore()
        : new SqliteEventStore(sqliteDatabase());
  const readStore: ReadStore =
    config.FILORA_READ_STORE === 'mongo' ? await MongoReadStore.open(await mongoDb()) : await SqliteReadStore.open(sqliteDatabase());
  const messageLog: MessageLog =
    config.FILORA_MESSAGE_LOG === 'kafka'
      ? new KafkaMessageLog({ brokers: config.FILORA_KAFKA_BROKERS!.split(','), partitions: config.FILORA_KAFKA_PARTITIONS, logger })
      : new SqliteMessageLog(sqliteDatabase(), { partitions: config.FILORA_KAFKA_PARTITIONS, logger });
  const blobStore: BlobStore =
    config.FILORA_BLOB_STORE === 'gridfs'
      ? await GridFsBlobStore.open({ db: await mongoDb() })
      : await FsBlobStore.open({ root: join(config.FILORA_DATA_DIR, 'blobs') });
  // Closed before the databases they live in (closers run in reverse order).
  closers.push(
    () => eventStore.close(),
    () => readStore.close(),
    () => messageLog.close(),
    () => blobStore.close(),
  );
  const storeChecks: Record<string, () => Promise<void>> = {
    event_store: async () => void (await eventStore.headPosition()),
    read_store: async () => void (await readStore.count('projection_checkpoints', {})),
    blob_store: async () => void (await blobStore.stat('0'.repeat(64))),
  };
  if (mongo) storeChecks.mongodb = async () => void (await mongo!.db('admin').command({ ping: 1 }));
  return { eventStore, readStore, messageLog, blobStore, storeChecks };
}

/** Services that have no class to stand for them in the container. */
const SERVICES = {
  FileCommands: Symbol.for('filora.FileCommands'),
  ProjectionProgress: Symbol.for('filora.ProjectionProgress'),
  RateLimitCounters: Symbol.for('filora.RateLimitCounters'),
  AccessTokens: Symbol.for('filora.AccessTokens'),
  /** The configured Notifiers (email, sms) by channel: a ConfiguredNotifiers, closed at shutdown. */
  Notifiers: Symbol.for('filora.Notifiers'),
} as const;

/**
 * How long an answer about a credential is reused: a logout, a password change, a token's revocation or
 * regeneration takes effect on every API process within this plus the projections' lag (well under 1 s).
 */
const CREDENTIAL_CHECK_TTL_MS = 500;

/** Longest an unknown API token's request waits for the read models (see LiveTokensOptions.waitMaxMs). */
const UNKNOWN_TOKEN_WAIT_MAX_MS = 250;

export interface PlatformOptions {
  /** This process runs the projections; otherwise read-your-writes waits poll their checkpoints (the `api` role). */
  runsProjections: boolean;
}

type Stores = Awaited<ReturnType<typeof openStores>>;

function registerPorts(container: DependencyContainer, config: Config, logger: Logger, stores: Stores): void {
  container.registerInstance(TOKENS.Config, config);
  container.registerInstance(TOKENS.Logger, logger);
  container.registerInstance<Clock>(TOKENS.Clock, () => new Date());
  container.registerInstance(TOKENS.EventStore, stores.eventStore);
  container.registerInstance(TOKENS.ReadStore, stores.readStore);
  container.registerInstance(TOKENS.MessageLog, stores.messageLog);
  container.registerInstance(TOKENS.BlobStore, stores.blobStore);
}

/** Every service, built once on first use from what it depends on; nothing outside this function calls a constructor. */
function registerServices(container: DependencyContainer, config: Config, options: PlatformOptions): void {
  const single = <T>(token: InjectionToken<T>, build: (c: DependencyContainer) => T) =>
    container.register<T>(token, { useFactory: instanceCachingFactory<T>(build) });
  const logger = container.resolve<Logger>(TOKENS.Logger);
  const eventStore = (c: DependencyContainer) => c.resolve<EventStore>(TOKENS.EventStore);
  const readStore = (c: DependencyContainer) => c.resolve<ReadStore>(TOKENS.ReadStore);
  const readWait = config.FILORA_READ_WAIT_MAX_MS;

  single(CommandPipeline, (c) => new CommandPipeline(eventStore(c), { now: c.resolve<Clock>(TOKENS.Clock) }));
  single(PasswordHasher, () => new PasswordHasher(config.FILORA_PASSWORD_HASH_COST));
  single(NameClaims, (c) => {
    const pipeline = c.resolve(CommandPipeline);
    const usage = {
      username: userClaimUsage(pipeline, 'username'),
      email: userClaimUsage(pipeline, 'email'),
      entry: entryClaimUsage(pipeline),
    };
    return new NameClaims(pipeline, usage);
  });
  single(ProjectionManager, (c) => {
    const projectionLogger = logger.child({ component: 'projections' });
    return new ProjectionManager(allProjections, eventStore(c), readStore(c), projectionLogger, config.FILORA_PROJECTION_BATCH_SIZE);
  });
  single<ProjectionProgress>(SERVICES.ProjectionProgress, (c) =>
    options.runsProjections ? c.resolve(ProjectionManager) : new CheckpointObserver(allProjections, eventStore(c), readStore(c)),
  );
  single(Relay, (c) => {
    const relayOptions = { batchSize: config.FILORA_PROJECTION_BATCH_SIZE };
    return new Relay(eventStore(c), c.resolve(TOKENS.MessageLog), readStore(c), logger.child({ component: 'relay' }), relayOptions);
  });
  single<FileCommands>(SERVICES.FileCommands, (c) => {
    const progress = c.resolve<ProjectionProgress>(SERVICES.ProjectionProgress);
    return createFileCommands(
      c.resolve(CommandPipeline),
      eventStore(c),
      c.resolve(TOKENS.BlobStore),
      c.resolve(NameClaims),
      logger.child({ component: 'files' }),
      {
        folderContents: readModelFolderContents(eventStore(c), readStore(c), progress, readWait),
        storedBytes: readModelStoredBytes(eventStore(c), readStore(c), progress, readWait),
        upload: { maxUploadBytes: config.FILORA_MAX_UPLOAD_BYTES, quotaBytes: config.FILORA_USER_QUOTA_BYTES ?? null },
        maxRecursiveDeleteEntries: config.FILORA_MAX_RECURSIVE_DELETE,
      },
    );
  });
  single(BlobSweeper, (c) => {
    const files = c.resolve<FileCommands>(SERVICES.FileCommands);
    return new BlobSweeper(files.blobs, new UnreferencedBlobsQuery(readStore(c)), logger.child({ component: 'blob-sweeper' }));
  });
  // One usage stream per process: named here, once, so that no two processes ever append to the same one.
  single(UsageRecorder, (c) => {
    const options = { ...DEFAULT_USAGE_RECORDER_OPTIONS, streamId: newUsageStreamId() };
    return new UsageRecorder(eventStore(c), logger.child({ component: 'usage' }), options);
  });
  single(ShareExpirer, (c) => {
    const files = c.resolve<FileCommands>(SERVICES.FileCommands);
    return new ShareExpirer(readStore(c), files.expireShare, logger.child({ component: 'share-expirer' }));
  });
  single(IdempotencySweeper, (c) => new IdempotencySweeper(readStore(c), logger.child({ component: 'idempotency-sweeper' })));
  single(UsageLogPruner, (c) => {
    const options = { retentionDays: config.FILORA_USAGE_RETENTION_DAYS };
    return new UsageLogPruner(readStore(c), logger.child({ component: 'usage-pruner' }), options);
  });
  // One process serves every request when embedded; API replicas of the distributed profile share counters.
  single<RateLimitCounters>(SERVICES.RateLimitCounters, (c) =>
    config.FILORA_READ_STORE === 'mongo' ? new SharedRateLimitCounters(readStore(c)) : new LocalRateLimitCounters(),
  );
  single(SERVICES.AccessTokens, () => new AccessTokens(jwtSecret(config), config.FILORA_ACCESS_TOKEN_TTL_SECONDS));
  single(LiveSessions, (c) => {
    const options = { ttlMs: CREDENTIAL_CHECK_TTL_MS, maxEntries: 100_000, waitMaxMs: readWait };
    return new LiveSessions(readStore(c), c.resolve<ProjectionProgress>(SERVICES.ProjectionProgress), options);
  });
  single(LiveTokens, (c) => {
    const options = { ttlMs: CREDENTIAL_CHECK_TTL_MS, maxEntries: 100_000, waitMaxMs: Math.min(readWait, UNKNOWN_TOKEN_WAIT_MAX_MS) };
    return new LiveTokens(readStore(c), eventStore(c), c.resolve<ProjectionProgress>(SERVICES.ProjectionProgress), options);
  });
  single(ApiTokens, (c) => new ApiTokens(c.resolve(CommandPipeline)));
  single(WebhookSecretBox, () => new WebhookSecretBox(webhookKey(config)));
  single<Registry>(Registry, () => createMetricsRegistry());
  single(PromDispatcherMetrics, (c) => new PromDispatcherMetrics(c.resolve<Registry>(Registry)));
  single(
    WebhookCommands,
    (c) =>
      new WebhookCommands(c.resolve(CommandPipeline), c.resolve(WebhookSecretBox), (ownerId) => countWebhooksOf(readStore(c), ownerId)),
  );
  single(
    IncomingWebhookCommands,
    (c) =>
      new IncomingWebhookCommands(c.resolve(CommandPipeline), c.resolve(WebhookSecretBox), (ownerId) =>
        countIncomingWebhooksOf(readStore(c), ownerId),
      ),
  );
  single(OAuthAppCommands, (c) => new OAuthAppCommands(c.resolve(CommandPipeline), (ownerId) => countAppsOf(readStore(c), ownerId)));
  single(EventSourcedOAuthClients, (c) => new EventSourcedOAuthClients(c.resolve(CommandPipeline)));
  single(IncomingCalls, (c) => new IncomingCalls(c.resolve(CommandPipeline)));
  single<ConfiguredNotifiers>(SERVICES.Notifiers, () => notifiersFromConfig(config));
  single(OneTimeCodes, (c) => {
    const [pipeline, digests, counters] = [
      c.resolve(CommandPipeline),
      c.resolve(WebhookSecretBox),
      c.resolve<RateLimitCounters>(SERVICES.RateLimitCounters),
    ];
    const notifiers = c.resolve<ConfiguredNotifiers>(SERVICES.Notifiers);
    return new OneTimeCodes({
      pipeline,
      notifiers,
      digests,
      sendLimits: new CountedSendLimits(counters),
      logger: logger.child({ component: 'otp' }),
    });
  });
  single(IncomingRunner, (c) => new IncomingRunner(c.resolve<FileCommands>(SERVICES.FileCommands), c.resolve(CommandPipeline)));
  single(
    HttpWebhookSender,
    () =>
      new HttpWebhookSender({ allowPrivate: config.FILORA_WEBHOOK_ALLOW_PRIVATE, logger: logger.child({ component: 'webhook-sender' }) }),
  );
  single(DeliveryCommands, (c) => {
    const retrySchedule = { delaysMs: config.FILORA_WEBHOOK_RETRY_SCHEDULE, minBackoffMs: config.FILORA_WEBHOOK_MIN_BACKOFF_MS };
    return new DeliveryCommands(c.resolve(CommandPipeline), { retrySchedule, leaseMs: config.FILORA_WEBHOOK_LEASE_MS });
  });
  // The sync feed: read up to the access projection's checkpoint, where who sees what is final.
  single(
    ProjectionHorizon,
    (c) => new ProjectionHorizon(c.resolve<ProjectionProgress>(SERVICES.ProjectionProgress), accessProjection.name),
  );
  single(AccessHistoryAudience, (c) => new AccessHistoryAudience(readStore(c)));
  single(LogFeedReader, (c) => new LogFeedReader(eventStore(c), c.resolve(ProjectionHorizon), c.resolve(AccessHistoryAudience)));
  single(FeedWakeups, (c) => {
    const wakeupsLogger = logger.child({ component: 'sync' });
    return new FeedWakeups(eventStore(c), c.resolve(ProjectionHorizon), c.resolve(AccessHistoryAudience), wakeupsLogger);
  });
  single(FeedWindow, (c) => new FeedWindow(eventStore(c), readStore(c), config.FILORA_SYNC_RETENTION_DAYS));
  single(PublicLinks, (c) => new PublicLinks(c.resolve(CommandPipeline), c.resolve(PasswordHasher)));
  single(LinkDownloads, (c) => {
    // A pipeline of its own: downloads through one link from several processes may each lose a few appends.
    const pipeline = new CommandPipeline(eventStore(c), { now: c.resolve<Clock>(TOKENS.Clock), maxAttempts: LINK_DOWNLOAD_ATTEMPTS });
    return new LinkDownloads(pipeline, c.resolve<FileCommands>(SERVICES.FileCommands).recordDownload);
  });
  single(LinkTokens, () => new LinkTokens(linkSecret(config)));
  single(RegisterUser, (c) => new RegisterUser(c.resolve(CommandPipeline), c.resolve(NameClaims), c.resolve(PasswordHasher)));
  single(UpdateProfile, (c) => new UpdateProfile(c.resolve(CommandPipeline), c.resolve(NameClaims), c.resolve(PasswordHasher)));
  single(ChangePlan, (c) => new ChangePlan(c.resolve(CommandPipeline), c.resolve(NameClaims)));
  single(ChangeRole, (c) => new ChangeRole(c.resolve(CommandPipeline), c.resolve(NameClaims)));
  single(UserRoles, (c) => new UserRoles(c.resolve(CommandPipeline)));
  single(EventStoreChainVerifier, (c) => new EventStoreChainVerifier(eventStore(c)));
  single(PolicyStreamAccess, (c) => new PolicyStreamAccess(eventStore(c), readStore(c), c.resolve(UserRoles)));
  single(AUDIT_LOG_READER, (c) => {
    const [horizon, audience] = [c.resolve(ProjectionHorizon), c.resolve(AccessHistoryAudience)];
    return new EventStoreAuditLogReader(eventStore(c), horizon, audience, c.resolve(PolicyStreamAccess));
  });
  single(JwtOAuthAccessTokens, () => new JwtOAuthAccessTokens(jwtSecret(config), config.FILORA_ACCESS_TOKEN_TTL_SECONDS));
  single(LiveGrants, (c) => {
    const options = { ttlMs: CREDENTIAL_CHECK_TTL_MS, maxEntries: 100_000 };
    return new LiveGrants(c.resolve(CommandPipeline), c.resolve(EventSourcedOAuthClients), options);
  });
  single(
    OAuthGrantCommands,
    (c) => new OAuthGrantCommands(c.resolve(CommandPipeline), c.resolve(JwtOAuthAccessTokens), c.resolve(LiveGrants)),
  );
  single(CredentialCheck, (c) => {
    const [accessTokens, sessions, tokens] = [
      c.resolve<AccessTokens>(SERVICES.AccessTokens),
      c.resolve(LiveSessions),
      c.resolve(LiveTokens),
    ];
    return new CredentialCheck({
      accessTokens,
      sessions,
      tokens,
      oauthTokens: c.resolve(JwtOAuthAccessTokens),
      grants: c.resolve(LiveGrants),
    });
  });
  // One hub per process; the roles that serve HTTP start it (attachRealtime).
  single(RealtimeHub, (c) => {
    const options = { ...DEFAULT_HUB_OPTIONS, sendLimits: DEFAULT_SEND_LIMITS };
    const [horizon, audience, reader] = [c.resolve(ProjectionHorizon), c.resolve(AccessHistoryAudience), c.resolve(LogFeedReader)];
    return new RealtimeHub(eventStore(c), horizon, audience, reader, FEED_ITEMS, logger.child({ component: 'realtime' }), options);
  });
  single(
    WebhookReplay,
    (c) =>
      new WebhookReplay({
        eventStore: eventStore(c),
        horizon: c.resolve(ProjectionHorizon),
        audience: c.resolve(AccessHistoryAudience),
        deliveries: c.resolve(DeliveryCommands),
        bodyOf: toWebhookBody,
        publishJobs: deliveryJobPublisher(c.resolve(TOKENS.MessageLog)),
        logger: logger.child({ component: 'webhook-replay' }),
      }),
  );
  // Built by every role, started by those that deliver webhooks (main.ts); nothing runs before start().
  single(WebhookDispatcher, (c) =>
    createDispatcher({
      eventStore: eventStore(c),
      readStore: readStore(c),
      messageLog: c.resolve(TOKENS.MessageLog),
      progress: c.resolve<ProjectionProgress>(SERVICES.ProjectionProgress),
      accessHorizon: c.resolve(ProjectionHorizon),
      audience: c.resolve(AccessHistoryAudience),
      dueDeliveries: (now, limit, after) => dueDeliveries(readStore(c), now, limit, after),
      attempts: webhookAttemptDeps(c, 'webhook-dispatcher'),
    }),
  );
  single(Sessions, (c) => {
    const refreshTtlMs = config.FILORA_REFRESH_TOKEN_TTL_SECONDS * 1000;
    return new Sessions(
      c.resolve(CommandPipeline),
      c.resolve(NameClaims),
      c.resolve(PasswordHasher),
      refreshTtlMs,
      c.resolve<Clock>(TOKENS.Clock),
    );
  });
}

/** What one webhook attempt needs, for the dispatcher's endpoint queues and POST /webhooks/{id}/test; `component` names its logger. */
function webhookAttemptDeps(container: DependencyContainer, component: string): AttemptDeps & { sender: HttpWebhookSender } {
  const box = container.resolve(WebhookSecretBox);
  const webhooks = container.resolve(WebhookCommands);
  return {
    deliveries: container.resolve(DeliveryCommands),
    sender: container.resolve(HttpWebhookSender),
    signHeaders,
    openSecret: (sealed) => box.open(sealed),
    disableWebhook: async (webhookId, reason) => void (await webhooks.disableWebhook(webhookId, reason)),
    metrics: container.resolve(PromDispatcherMetrics),
    clock: container.resolve<Clock>(TOKENS.Clock),
    logger: container.resolve<Logger>(TOKENS.Logger).child({ component }),
  };
}

function apiServices(container: DependencyContainer, config: Config, storeChecks: ApiServices['storeChecks']): ApiServices {
  return {
    eventStore: container.resolve(TOKENS.EventStore),
    readStore: container.resolve(TOKENS.ReadStore),
    blobStore: container.resolve(TOKENS.BlobStore),
    logger: container.resolve(TOKENS.Logger),
    progress: container.resolve(SERVICES.ProjectionProgress),
    accessTokens: container.resolve(SERVICES.AccessTokens),
    liveSessions: container.resolve(LiveSessions),
    liveTokens: container.resolve(LiveTokens),
    oauthAccessTokens: container.resolve(JwtOAuthAccessTokens),
    liveGrants: container.resolve(LiveGrants),
    oauthConsent: new ConsentTokens(jwtSecret(config)),
    oauthGrants: container.resolve(OAuthGrantCommands),
    apiTokens: container.resolve(ApiTokens),
    webhookCommands: container.resolve(WebhookCommands),
    deliveryCommands: container.resolve(DeliveryCommands),
    oauthApps: container.resolve(OAuthAppCommands),
    oauthClients: container.resolve(EventSourcedOAuthClients),
    webhookReplay: container.resolve(WebhookReplay),
    sendTestDelivery: testDeliverySender(webhookAttemptDeps(container, 'webhook-test')),
    chainVerifier: container.resolve(EventStoreChainVerifier),
    roles: container.resolve(UserRoles),
    audit: { reader: container.resolve(AUDIT_LOG_READER), streamAccess: container.resolve(PolicyStreamAccess) },
    registerUser: container.resolve(RegisterUser),
    otpCodes: container.resolve(OneTimeCodes),
    sessions: container.resolve(Sessions),
    passwordCheck: new PipelinePasswordCheck(
      container.resolve(CommandPipeline),
      container.resolve(NameClaims),
      container.resolve(PasswordHasher),
    ),
    secondFactor: new TotpSecondFactor(container.resolve(CommandPipeline), container.resolve(WebhookSecretBox)),
    totp: new TotpEnrollment(container.resolve(CommandPipeline), container.resolve(WebhookSecretBox)),
    mfaTokens: new MfaTokens(jwtSecret(config)),
    updateProfile: container.resolve(UpdateProfile),
    files: container.resolve(SERVICES.FileCommands),
    incoming: {
      commands: container.resolve(IncomingWebhookCommands),
      calls: container.resolve(IncomingCalls),
      runner: container.resolve(IncomingRunner),
      secrets: container.resolve(WebhookSecretBox),
    },
    links: {
      commands: container.resolve(PublicLinks),
      downloads: container.resolve(LinkDownloads),
      tokens: container.resolve(LinkTokens),
      passwords: container.resolve(PasswordHasher),
    },
    publicOrigin: config.FILORA_PUBLIC_URL ?? null,
    console: consoleDirectory(),
    rateLimitCounters: container.resolve(SERVICES.RateLimitCounters),
    idempotencyKeys: new IdempotencyKeys(container.resolve(TOKENS.ReadStore), container.resolve(WebhookSecretBox)),
    limits: {
      jsonBodyBytes: config.FILORA_MAX_JSON_BYTES,
      readWaitMaxMs: config.FILORA_READ_WAIT_MAX_MS,
      rate: {
        anonymousPerMinute: config.FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE,
        defaultPlan: config.FILORA_DEFAULT_PLAN,
        enforce: config.FILORA_RATE_LIMIT_MODE === 'enforce',
      },
      trustProxy: config.FILORA_TRUST_PROXY,
      userQuotaBytes: config.FILORA_USER_QUOTA_BYTES ?? null,
      usageRetentionDays: config.FILORA_USAGE_RETENTION_DAYS,
    },
    usage: container.resolve(UsageRecorder),
    sync: {
      horizon: container.resolve(ProjectionHorizon),
      horizonProjection: accessProjection.name,
      reader: container.resolve(LogFeedReader),
      wakeups: container.resolve(FeedWakeups),
      window: container.resolve(FeedWindow),
    },
    realtime: {
      hub: container.resolve(RealtimeHub),
      credentials: container.resolve(CredentialCheck),
      items: FEED_ITEMS,
      window: container.resolve(FeedWindow),
      readStore: container.resolve(TOKENS.ReadStore),
      logger: container.resolve<Logger>(TOKENS.Logger).child({ component: 'realtime' }),
      credentialSweepIntervalMs: CREDENTIAL_SWEEP_INTERVAL_MS,
    },
    storeChecks,
    metrics: container.resolve<Registry>(Registry),
  };
}

/** The composition root: the only place that knows which adapter serves which port. */
export async function createPlatform(
  config: Config,
  logger: Logger,
  options: PlatformOptions = { runsProjections: true },
): Promise<Platform> {
  const closers: Closer[] = [];
  const stores = await openStores(config, logger, closers);
  const container = rootContainer.createChildContainer();
  registerPorts(container, config, logger, stores);
  registerServices(container, config, options);
  const blobSweeper = container.resolve(BlobSweeper);
  const rateLimitCounters = container.resolve<RateLimitCounters>(SERVICES.RateLimitCounters);
  // Stopped before the stores close (closers run in reverse); the roles that own background work start the sweeper (main.ts).
  closers.push(
    () => blobSweeper.stop(),
    async () => rateLimitCounters.close(),
  );
  // The usage records still buffered are appended after the HTTP server has stopped and before the event store closes.
  const usageRecorder = container.resolve(UsageRecorder);
  const usagePruner = container.resolve(UsageLogPruner);
  const idempotencySweeper = container.resolve(IdempotencySweeper);
  const shareExpirer = container.resolve(ShareExpirer);
  closers.push(
    () => usagePruner.stop(),
    () => idempotencySweeper.stop(),
    () => shareExpirer.stop(),
    () => usageRecorder.close(),
    () => container.resolve(WebhookReplay).close(),
    () => closeNotifiers(container.resolve<ConfiguredNotifiers>(SERVICES.Notifiers)),
  );
  const { eventStore, readStore, messageLog, blobStore } = stores;
  return {
    container,
    config,
    logger,
    eventStore,
    readStore,
    blobStore,
    messageLog,
    projections: container.resolve(ProjectionManager),
    relay: container.resolve(Relay),
    dispatcher: container.resolve(WebhookDispatcher),
    blobSweeper,
    usagePruner,
    idempotencySweeper,
    shareExpirer,
    api: apiServices(container, config, stores.storeChecks),
    async close() {
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          logger.error('error while closing a store', { error });
        }
      }
    },
  };
}
