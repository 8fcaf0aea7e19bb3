#!/usr/bin/env node
import 'reflect-metadata';
import { JsonLogger } from './adapters/logger/jsonLogger';
import { createApi } from './api/app';
import type { ServedApi } from './cli/httpServer';
import { ListenError, serveApi } from './cli/httpServer';
import { ProgressBar } from './cli/progressBar';
import { AUDIT_USAGE, runAuditCommand } from './cli/auditCommand';
import { REPLAY_USAGE, runReplayCommand } from './cli/replayCommand';
import type { OperatorCommand } from './cli/operatorCommand';
import { runUsersCommand, USERS_USAGE } from './cli/usersCommand';
import { ConfigError, loadConfig } from './config';
import type { Config } from './config';
import type { Platform } from './container';
import { createPlatform } from './container';
import type { Logger } from './ports/logger';
import { buildConsole } from './web/consoleBuild';
import { serveMetrics } from './webhooks/metrics/metricsServer';

const ROLES = ['serve', 'api', 'projector', 'relay', 'dispatcher', 'rebuild'] as const;
type Role = (typeof ROLES)[number];

const USAGE = `usage: filora <command>
  serve      api + projections + relay + webhook dispatcher in one process (the embedded default)
  api        the HTTP API only
  projector  the projections, the blob sweeper and the share expirer
  relay      event store -> message log only
  dispatcher webhook deliveries: fan-out of the public topics, endpoint queues, due retries
  rebuild    drop every read model and rebuild it from the events
${USERS_USAGE}
${AUDIT_USAGE}
${REPLAY_USAGE}`;

const OPERATOR_COMMANDS: Record<string, OperatorCommand> = { users: runUsersCommand, audit: runAuditCommand, replay: runReplayCommand };

/** How often the request log is pruned to FILORA_USAGE_RETENTION_DAYS (and once at start). */
const USAGE_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/** Builds the console when its sources changed; a failed build leaves the API up and the console's page answering 503. */
async function prepareConsole(platform: Platform): Promise<void> {
  try {
    const outcome = await buildConsole(platform.api.console);
    platform.logger.info('console', outcome);
  } catch (error) {
    platform.logger.error('console build failed', { error });
  }
}

async function serveHttp(platform: Platform): Promise<ServedApi> {
  await prepareConsole(platform);
  const api = createApi(platform.api);
  const served = await serveApi(api.app, platform.api.realtime, platform.config.PORT, platform.config.HOST);
  const address = served.server.address();
  platform.logger.info('listening', {
    port: typeof address === 'object' && address ? address.port : platform.config.PORT,
    profile: platform.config.FILORA_PROFILE,
  });
  return served;
}

/** All read models are rebuilt together from one pass over the log; each has its own progress bar. */
async function rebuild(platform: Platform): Promise<void> {
  const bars = new Map<string, ProgressBar>();
  const started = Date.now();
  await platform.projections.rebuild(({ projection, processed, total }) => {
    const bar = bars.get(projection) ?? new ProgressBar();
    bars.set(projection, bar);
    bar.update(projection, processed, total);
  });
  platform.logger.info('rebuild finished', { ms: Date.now() - started });
}

async function run(role: Role, logger: Logger): Promise<void> {
  const config = loadConfig();
  const runsProjections = role === 'serve' || role === 'projector';
  const platform = await createPlatform(config, logger, { runsProjections });
  if (role === 'rebuild') {
    try {
      await rebuild(platform);
    } finally {
      await platform.close();
    }
    return;
  }

  const runsRelay = role === 'serve' || role === 'relay';
  const runsDispatcher = role === 'serve' || role === 'dispatcher';
  if (runsProjections) await platform.projections.start();
  if (runsProjections && config.FILORA_BLOB_SWEEP_INTERVAL_MS > 0) {
    platform.blobSweeper.start(config.FILORA_BLOB_SWEEP_INTERVAL_MS, { graceMs: config.FILORA_BLOB_SWEEP_GRACE_MS });
  }
  if (runsProjections) platform.usagePruner.start(USAGE_PRUNE_INTERVAL_MS);
  if (runsProjections) platform.idempotencySweeper.start();
  if (runsProjections) platform.shareExpirer.start();
  if (runsRelay) await platform.relay.start();
  if (runsDispatcher) await platform.dispatcher.start();
  const http = role === 'serve' || role === 'api' ? await serveHttp(platform) : null;
  // A dispatcher serves no API, so no /metrics: it answers on a port of its own when one is configured.
  const metrics =
    role === 'dispatcher' && config.FILORA_METRICS_PORT !== undefined
      ? await serveMetrics(platform.api.metrics, config.FILORA_METRICS_PORT, config.HOST)
      : null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Open long-polls answer `changes: false` now rather than hold the graceful close for their whole timeout.
    platform.api.sync.wakeups.close();
    if (http) await http.close(config.FILORA_SHUTDOWN_TIMEOUT_MS, logger);
    await metrics?.close();
    if (runsDispatcher) await platform.dispatcher.stop();
    if (runsRelay) await platform.relay.stop();
    if (runsProjections) await platform.projections.stop();
    await platform.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function main(): void {
  const role = process.argv[2] ?? 'serve';
  const operatorCommand = Object.hasOwn(OPERATOR_COMMANDS, role) ? OPERATOR_COMMANDS[role] : undefined;
  if (!operatorCommand && !(ROLES as readonly string[]).includes(role)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  let logger: Logger;
  try {
    logger = new JsonLogger(loadConfig().FILORA_LOG_LEVEL);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(78);
  }
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));
  if (operatorCommand) {
    const openPlatform = (config: Config) => createPlatform(config, logger, { runsProjections: false });
    operatorCommand(process.argv.slice(3), loadConfig(), openPlatform).then(
      (code) => process.exit(code),
      (error: unknown) => {
        logger.error('fatal', { error });
        process.exit(1);
      },
    );
    return;
  }
  run(role as Role, logger).catch((error: unknown) => {
    if (error instanceof ListenError) logger.error(error.message, { host: error.host, port: error.port, code: error.code });
    else logger.error('fatal', { error });
    process.exit(1);
  });
}

main();
