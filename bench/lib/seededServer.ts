import { call } from '../../test/support/http';
import type { BenchServer } from './benchServer';
import { waitForCatchUp } from './catchUp';
import { seedFiles } from './fileSeeding';
import { startLoadServer } from './loadServer';
import { timeMs } from './measure';
import { step } from './progress';
import { openServerDatabase } from './serverDatabase';

export interface FolderToSeed {
  name: string;
  files: number;
}

export interface SeededFolderInfo {
  name: string;
  id: string;
  /** Ids of its seeded files, in name order (seededName(0), seededName(1), …). */
  fileIds: string[];
}

export interface SeededServer {
  server: BenchServer;
  ownerId: string;
  folders: SeededFolderInfo[];
}

const CATCH_UP_TIMEOUT_MS = 15 * 60 * 1000;

async function created(server: BenchServer, name: string): Promise<string> {
  const folder = await call<{ id: string }>(server.url, 'POST', '/api/v1/folders', { token: server.token, body: { name } });
  if (folder.status !== 201) throw new Error(`creating folder ${name} answered ${folder.status}`);
  return folder.body.id;
}

/**
 * A load server (loadServer.ts) on `dataDir` whose user owns `folders`, each holding that many files:
 * the folders are made over HTTP, then the server is stopped, the files' history is written straight
 * into its database (fileSeeding.ts), and the server is started again and left to project it all
 * before this resolves.
 */
export async function startSeededServer(
  dataDir: string,
  folders: readonly FolderToSeed[],
  env: Record<string, string> = {},
): Promise<SeededServer> {
  const logPath = `${dataDir}.log`;
  const first = await startLoadServer(dataDir, logPath, undefined, env);
  let ownerId: string;
  const made: { name: string; id: string; files: number }[] = [];
  try {
    ownerId = (await call<{ id: string }>(first.url, 'GET', '/api/v1/users/me', { token: first.token })).body.id;
    for (const folder of folders) made.push({ ...folder, id: await created(first, folder.name) });
  } finally {
    await first.stop();
  }
  const seeded: SeededFolderInfo[] = [];
  const total = folders.reduce((sum, folder) => sum + folder.files, 0);
  step(`writing the history of ${total} file uploads straight into the stopped server's database`);
  const seedMs = await timeMs(async () => {
    for (const folder of made) {
      const fileIds = await seedFiles(dataDir, { ownerId, folderId: folder.id }, folder.files, folder.name);
      seeded.push({ name: folder.name, id: folder.id, fileIds });
    }
  });
  step(`written in ${(seedMs / 1000).toFixed(1)} s; starting the server, which projects them before it listens`);
  const database = await openServerDatabase(dataDir);
  try {
    const started = process.hrtime.bigint();
    const server = await startLoadServer(dataDir, logPath, first.user, env);
    try {
      await waitForCatchUp(server, database, CATCH_UP_TIMEOUT_MS);
    } catch (error) {
      await server.stop();
      throw error;
    }
    const catchUpSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    step(`server pid ${server.pid} caught up in ${catchUpSeconds.toFixed(1)} s (its log: ${logPath})`);
    return { server, ownerId, folders: seeded };
  } finally {
    await database.close();
  }
}
