import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import type { Platform } from '../container';
import { embeddedDatabasePath } from '../container';

/** Exit codes: 0 done, 1 refused (nothing to act on, a broken chain, or no database where FILORA_DATA_DIR points), 2 a usage error. */
export type ExitCode = 0 | 1 | 2;

/** An operator's command on the server's stores (`filora users|audit|replay …`), run to its exit code; no server needed. */
export type OperatorCommand = (
  args: readonly string[],
  config: Config,
  openPlatform: (config: Config) => Promise<Platform>,
) => Promise<ExitCode>;

/** Where an operator's command looks for the server's data, when that is a directory: the embedded store's data dir. */
export const embeddedDataDir = (config: Config): string | null =>
  config.FILORA_EVENT_STORE === 'sqlite' ? resolve(config.FILORA_DATA_DIR) : null;

/** Where a refusal says it looked: ` in the database of <dir> (FILORA_DATA_DIR)`, or nothing for a distributed store. */
export function inTheDatabaseOf(config: Config): string {
  const dataDir = embeddedDataDir(config);
  return dataDir === null ? '' : ` in the database of ${dataDir} (FILORA_DATA_DIR)`;
}

/**
 * An embedded store without its database is not the server's: most likely FILORA_DATA_DIR was left out, and
 * opening it would create an empty database (and its directory) in which nothing exists.
 */
export function missingDatabaseError(config: Config): string | null {
  const dataDir = embeddedDataDir(config);
  if (dataDir === null || existsSync(embeddedDatabasePath(config))) return null;
  return `there is no Filora database in ${dataDir} (FILORA_DATA_DIR): run this command with the data directory of the server; nothing was created\n`;
}

/**
 * Runs an operator's command on the server's stores: refuses (exit 1, nothing created) a data directory without
 * a database, else opens the platform (no projections run) for `work` and closes it after.
 */
export async function onServerData<Code extends ExitCode>(
  config: Config,
  openPlatform: (config: Config) => Promise<Platform>,
  work: (platform: Platform) => Promise<Code>,
): Promise<Code | 1> {
  const missingDatabase = missingDatabaseError(config);
  if (missingDatabase !== null) {
    process.stderr.write(missingDatabase);
    return 1;
  }
  const platform = await openPlatform(config);
  try {
    return await work(platform);
  } finally {
    await platform.close();
  }
}
