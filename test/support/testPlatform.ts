import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLogger } from '../../src/adapters/logger/jsonLogger';
import { createApi } from '../../src/api/app';
import { serveApi } from '../../src/cli/httpServer';
import { loadConfig } from '../../src/config';
import type { Platform } from '../../src/container';
import { createPlatform } from '../../src/container';
import type { Route } from '../../src/api/http/route';

export interface TestPlatform {
  url: string;
  platform: Platform;
  routes: readonly Route[];
  /** Routes served outside /api/v1 (the index, /health, /ready). */
  rootRoutes: readonly Route[];
  dataDir: string;
  /** Stops everything; keeps the data dir when `keepData` (to reopen it). */
  close(keepData?: boolean): Promise<void>;
}

export const TEST_ENV = {
  FILORA_LOG_LEVEL: 'silent',
  FILORA_PASSWORD_HASH_COST: '10',
  FILORA_SQLITE_SYNCHRONOUS: 'NORMAL',
  FILORA_RATE_LIMIT_MODE: 'report',
  FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
  HOST: '127.0.0.1',
  PORT: '0',
};

/** The whole embedded platform on a temp dir, served over real HTTP on an ephemeral port. */
export async function startTestPlatform(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'filora-test-')),
): Promise<TestPlatform> {
  const config = loadConfig({ ...TEST_ENV, FILORA_DATA_DIR: dataDir, ...env });
  const platform = await createPlatform(config, new JsonLogger(config.FILORA_LOG_LEVEL));
  await platform.projections.start();
  await platform.relay.start();
  const api = createApi(platform.api);
  const served = await serveApi(api.app, platform.api.realtime, 0, '127.0.0.1');
  const address = served.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    platform,
    routes: api.routes,
    rootRoutes: api.rootRoutes,
    dataDir,
    async close(keepData = false) {
      await served.close(1000, platform.logger);
      await platform.relay.stop();
      await platform.projections.stop();
      await platform.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
