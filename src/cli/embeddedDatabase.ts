import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { embeddedDatabasePath } from '../container';

/** Where an operator's command looks for the server's data, when that is a directory: the embedded store's data dir. */
export const embeddedDataDir = (config: Config): string | null =>
  config.FILORA_EVENT_STORE === 'sqlite' ? resolve(config.FILORA_DATA_DIR) : null;

/**
 * An embedded store without its database is not the server's: most likely FILORA_DATA_DIR was left out, and
 * opening it would create an empty database (and its directory) in which nothing exists.
 */
export function missingDatabaseError(config: Config): string | null {
  const dataDir = embeddedDataDir(config);
  if (dataDir === null || existsSync(embeddedDatabasePath(config))) return null;
  return `there is no Filora database in ${dataDir} (FILORA_DATA_DIR): run this command with the data directory of the server; nothing was created\n`;
}
