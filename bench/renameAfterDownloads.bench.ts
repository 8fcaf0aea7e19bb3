import { join } from 'node:path';
import type { BenchServer, BenchUser } from './lib/benchServer';
import { startBenchServer, withBenchServer } from './lib/benchServer';
import { waitForCatchUp } from './lib/catchUp';
import { recordDownloads } from './lib/downloadHistory';
import { renameFile, uploadFile } from './lib/filesApi';
import { median, timeMs } from './lib/measure';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { openServerDatabase } from './lib/serverDatabase';
import { settings } from './lib/settings';

const MAX_UPLOAD_BYTES = 1024 * 1024;
const WARM_UP_RENAMES = 5;
const CATCH_UP_TIMEOUT_MS = 5 * 60 * 1000;
// Popular / fresh rename latency may be at most this: a command's cost must not follow the file's downloads.
const MAX_RATIO = 1.2;

interface Files {
  popular: string;
  fresh: string;
}

async function uploadSmall(server: BenchServer, name: string): Promise<string> {
  const content = Buffer.from(`${name}\n`);
  return (await uploadFile(server.url, server.token, { name, size: content.length, content: [content] })).id;
}

/** Uploads both files on a first server, stops it, and returns who owns them. */
async function uploadFiles(dataDir: string): Promise<{ files: Files; user: BenchUser }> {
  const server = await startBenchServer(dataDir, MAX_UPLOAD_BYTES);
  try {
    return {
      files: { popular: await uploadSmall(server, 'popular.txt'), fresh: await uploadSmall(server, 'fresh.txt') },
      user: server.user,
    };
  } finally {
    await server.stop();
  }
}

/** Renames each file in turn, alternating which goes first so neither always follows the other; milliseconds per rename. */
async function timeRenames(
  server: BenchServer,
  files: Files,
  rounds: number,
  label: string,
): Promise<{ popular: number[]; fresh: number[] }> {
  const samples = { popular: [] as number[], fresh: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order: (keyof Files)[] = round % 2 === 0 ? ['popular', 'fresh'] : ['fresh', 'popular'];
    for (const which of order) {
      samples[which].push(await timeMs(() => renameFile(server.url, server.token, files[which], `${which}-${label}-${round}.txt`)));
    }
  }
  return samples;
}

function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** Records the downloads while the server is stopped, then starts it again and waits until it has relayed and projected them. */
async function timeAfterDownloads(dataDir: string, files: Files, user: BenchUser): Promise<{ popular: number[]; fresh: number[] }> {
  const database = await openServerDatabase(dataDir);
  let open = true;
  const close = async () => {
    if (open) await database.close();
    open = false;
  };
  try {
    step(`recording ${settings.downloadCount} downloads of the popular file through RecordDownload (server stopped)`);
    const seedMs = await timeMs(() => recordDownloads(database.eventStore, files.popular, settings.downloadCount));
    step(`recorded in ${(seedMs / 1000).toFixed(1)} s`);
    return await withBenchServer(
      dataDir,
      MAX_UPLOAD_BYTES,
      async (server) => {
        step(`server pid ${server.pid} at ${server.url}`);
        const catchUpMs = await timeMs(() => waitForCatchUp(server, database, CATCH_UP_TIMEOUT_MS));
        step(`waited ${(catchUpMs / 1000).toFixed(1)} s for the relay and projections to catch up with the downloads`);
        // Only the server touches its database while renames are timed.
        await close();
        await timeRenames(server, files, WARM_UP_RENAMES, 'warm-up');
        step(`timing ${settings.renameCount} renames of each file`);
        return timeRenames(server, files, settings.renameCount, 'timed');
      },
      user,
    );
  } finally {
    await close();
  }
}

export const benchmark: Benchmark = {
  name: 'renameAfterDownloads',
  description: `rename over HTTP of a file downloaded ${settings.downloadCount} times, against a fresh file`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const dataDir = join(tempDir, 'server');
    const { files, user } = await uploadFiles(dataDir);
    const samples = await timeAfterDownloads(dataDir, files, user);
    const popular = median(samples.popular);
    const fresh = median(samples.fresh);
    const ratio = popular / fresh;
    step(`rename: popular ${popular.toFixed(1)} ms, fresh ${fresh.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
    return [
      {
        benchmark: `rename after ${settings.downloadCount} downloads (PATCH over HTTP)`,
        measured: popular,
        baseline: fresh,
        unit: 'ms',
        notes:
          `median of ${settings.renameCount} renames each, interleaved; p90 ${percentile(samples.popular, 0.9).toFixed(1)} vs ` +
          `${percentile(samples.fresh, 0.9).toFixed(1)} ms; baseline: the same rename of a file never downloaded, same server; lower is better`,
        check: { pass: ratio <= MAX_RATIO, requirement: `ratio ≤ ${MAX_RATIO}` },
      },
    ];
  },
};
