import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { DependencyContainer } from 'tsyringe';
import { container as rootContainer } from 'tsyringe';
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
import type { ApiServices } from './api/apiServices';
import { LocalRateLimitCounters, SharedRateLimitCounters } from './api/http/rateLimitCounters';
import { AccessTokens } from './api/auth/accessTokens';
import { PasswordHasher } from './commands/auth/passwordHasher';
import { Sessions } from './commands/auth/sessions';
import { CommandPipeline } from './commands/pipeline';
import { BlobSweeper } from './commands/blobs/blobSweeper';
import { NameClaims } from './commands/claims/nameClaims';
import { entryClaimUsage } from './commands/entries/entryNames';
import { createFileCommands } from './commands/fileCommands';
import { userClaimUsage } from './commands/users/userClaimUsage';
import { RegisterUser } from './commands/users/registerUser';
import { UpdateProfile } from './commands/users/updateProfile';
import type { Config } from './config';
import { Relay } from './dispatch/relay';
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
import { readModelFolderContents } from './projections/folders/folderContentsQuery';
import { readModelStoredBytes } from './projections/stats/storedBytesQuery';

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
  /** Collects blobs whose clean-up failed; started here when FILORA_BLOB_SWEEP_INTERVAL_MS > 0. */
  blobSweeper: BlobSweeper;
  api: ApiServices;
  close(): Promise<void>;
}

type Closer = () => Promise<void>;

/** Embedded secret for access tokens: generated once and kept beside the data, so sessions survive restarts. */
function jwtSecret(config: Config): string {
  if (config.FILORA_JWT_SECRET) return config.FILORA_JWT_SECRET;
  const path = join(config.FILORA_DATA_DIR, 'jwt-secret');
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
      const opened = new SqliteDatabase({ path: join(config.FILORA_DATA_DIR, 'filora.db'), synchronous: config.FILORA_SQLITE_SYNCHRONOUS });
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

/** The composition root: the only place that knows which adapter serves which port. */
export async function createPlatform(config: Config, logger: Logger): Promise<Platform> {
  const closers: Closer[] = [];
  const { eventStore, readStore, messageLog, blobStore, storeChecks } = await openStores(config, logger, closers);
  const container = rootContainer.createChildContainer();
  container.registerInstance(TOKENS.Config, config);
  container.registerInstance(TOKENS.Logger, logger);
  container.registerInstance(TOKENS.EventStore, eventStore);
  container.registerInstance(TOKENS.ReadStore, readStore);
  container.registerInstance(TOKENS.MessageLog, messageLog);
  container.registerInstance(TOKENS.BlobStore, blobStore);
  container.register(CommandPipeline, { useFactory: (c) => new CommandPipeline(c.resolve<EventStore>(TOKENS.EventStore)) });
  container.register(PasswordHasher, { useFactory: () => new PasswordHasher(config.FILORA_PASSWORD_HASH_COST) });
  container.register(NameClaims, {
    useFactory: (c) => {
      const pipeline = c.resolve(CommandPipeline);
      return new NameClaims(pipeline, {
        username: userClaimUsage(pipeline, 'username'),
        email: userClaimUsage(pipeline, 'email'),
        entry: entryClaimUsage(pipeline),
      });
    },
  });
  container.register(ProjectionManager, {
    useFactory: (c) =>
      new ProjectionManager(
        allProjections,
        c.resolve(TOKENS.EventStore),
        c.resolve(TOKENS.ReadStore),
        logger.child({ component: 'projections' }),
        config.FILORA_PROJECTION_BATCH_SIZE,
      ),
  });

  const pipeline = container.resolve(CommandPipeline);
  const passwords = container.resolve(PasswordHasher);
  const claims = container.resolve(NameClaims);
  const projections = container.resolve(ProjectionManager);
  const relay = new Relay(eventStore, messageLog, readStore, logger.child({ component: 'relay' }), {
    batchSize: config.FILORA_PROJECTION_BATCH_SIZE,
  });
  const files = createFileCommands(pipeline, eventStore, blobStore, claims, logger.child({ component: 'files' }), {
    folderContents: readModelFolderContents(eventStore, readStore, projections, config.FILORA_READ_WAIT_MAX_MS),
    storedBytes: readModelStoredBytes(eventStore, readStore, projections, config.FILORA_READ_WAIT_MAX_MS),
    upload: { maxUploadBytes: config.FILORA_MAX_UPLOAD_BYTES, quotaBytes: config.FILORA_USER_QUOTA_BYTES ?? null },
    maxRecursiveDeleteEntries: config.FILORA_MAX_RECURSIVE_DELETE,
  });
  const blobSweeper = new BlobSweeper(files.blobs, new UnreferencedBlobsQuery(readStore), logger.child({ component: 'blob-sweeper' }));
  // Started by the roles that own background work (main.ts); stopped before the stores close (closers run in reverse).
  closers.push(() => blobSweeper.stop());
  // One process serves every request when embedded; API replicas of the distributed profile share counters.
  const rateLimitCounters = config.FILORA_READ_STORE === 'mongo' ? new SharedRateLimitCounters(readStore) : new LocalRateLimitCounters();
  closers.push(async () => rateLimitCounters.close());
  const api: ApiServices = {
    rateLimitCounters,
    eventStore,
    readStore,
    progress: projections,
    accessTokens: new AccessTokens(jwtSecret(config), config.FILORA_ACCESS_TOKEN_TTL_SECONDS),
    registerUser: new RegisterUser(pipeline, claims, passwords),
    sessions: new Sessions(pipeline, claims, passwords, config.FILORA_REFRESH_TOKEN_TTL_SECONDS * 1000),
    updateProfile: new UpdateProfile(pipeline, claims, passwords),
    files,
    blobStore,
    logger,
    limits: {
      jsonBodyBytes: config.FILORA_MAX_JSON_BYTES,
      readWaitMaxMs: config.FILORA_READ_WAIT_MAX_MS,
      rate: { perMinute: config.FILORA_RATE_LIMIT_PER_MINUTE, anonymousPerMinute: config.FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE },
      trustProxy: config.FILORA_TRUST_PROXY,
      userQuotaBytes: config.FILORA_USER_QUOTA_BYTES ?? null,
    },
    storeChecks,
  };

  return {
    container,
    config,
    logger,
    eventStore,
    readStore,
    blobStore,
    messageLog,
    projections,
    relay,
    blobSweeper,
    api,
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

/** For a process that does not run the projections (the `api` role), progress comes from their checkpoints. */
export const observeProjections = (platform: Platform) => new CheckpointObserver(allProjections, platform.eventStore, platform.readStore);
