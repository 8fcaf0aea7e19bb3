import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchServer } from './lib/benchServer';
import { withBenchServer } from './lib/benchServer';
import type { UploadedFile } from './lib/filesApi';
import { downloadFile, uploadFile } from './lib/filesApi';
import { compareRates } from './lib/compare';
import { MIB, mibPerSecond, timeMs } from './lib/measure';
import { dropPageCache } from './lib/pageCache';
import { patternChunks } from './lib/patternBytes';
import { step } from './lib/progress';
import { readRaw, writeRaw } from './lib/rawDisk';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';

const WARM_UP_BYTES = 32 * MIB;

type Measure = 'write' | 'upload' | 'readCached' | 'downloadCached' | 'readCold' | 'downloadCold';
type Samples = Record<Measure, number[]>;

function upload(server: BenchServer, name: string, size: number, seed: number): Promise<UploadedFile> {
  return uploadFile(server.url, server.token, { name, size, content: patternChunks(size, seed) });
}

interface Round {
  label: string;
  size: number;
  /** Makes the round's content new to the content-addressed store. */
  seed: number;
  cold: boolean;
}

/** The same bytes written raw and uploaded, then each read back raw and downloaded, from page cache and, when possible, cold. */
async function runRound(server: BenchServer, rawDir: string, round: Round): Promise<Partial<Record<Measure, number>>> {
  const { size, seed } = round;
  const path = join(rawDir, `raw-${seed}.bin`);
  const timings: Partial<Record<Measure, number>> = {};
  const record = async <T>(measure: Measure, fn: () => Promise<T>): Promise<T> => {
    let result!: T;
    const ms = await timeMs(async () => void (result = await fn()));
    timings[measure] = ms;
    step(`${round.label} ${measure.padEnd(14)} ${mibPerSecond(size, ms).toFixed(0).padStart(6)} MiB/s`);
    return result;
  };
  await record('write', () => writeRaw(path, size, seed));
  const uploaded = await record('upload', () => upload(server, `bench-${seed}.bin`, size, seed));
  await record('readCached', () => readRaw(path, size));
  await record('downloadCached', () => downloadFile(server.url, server.token, uploaded, size));
  if (round.cold) {
    await dropPageCache();
    await record('readCold', () => readRaw(path, size));
    await dropPageCache();
    await record('downloadCold', () => downloadFile(server.url, server.token, uploaded, size));
  }
  await rm(path);
  return timings;
}

/** The comparisons reported: each thing measured beside its raw baseline. */
const COMPARISONS: { benchmark: string; measured: Measure; baseline: Measure; cold: boolean; notes: string }[] = [
  {
    benchmark: 'upload (multipart over HTTP)',
    measured: 'upload',
    baseline: 'write',
    cold: false,
    notes:
      'baseline: raw write + fsync of the same bytes to the same disk; the server also parses multipart, hashes SHA-256 and appends events',
  },
  {
    benchmark: 'download over HTTP (page cache)',
    measured: 'downloadCached',
    baseline: 'readCached',
    cold: false,
    notes: 'baseline: fs.createReadStream of a file of the same size; both read from the page cache',
  },
  {
    benchmark: 'download over HTTP (cold cache)',
    measured: 'downloadCold',
    baseline: 'readCold',
    cold: true,
    notes: 'baseline: fs.createReadStream of a file of the same size; page cache dropped before each',
  },
];

function rows(samples: Samples, cold: boolean): ResultRow[] {
  const size = settings.throughputBytes;
  return COMPARISONS.filter((comparison) => cold || !comparison.cold).map((comparison) => {
    const timings = { measured: samples[comparison.measured], baseline: samples[comparison.baseline] };
    const { measured, baseline, runs } = compareRates(timings, (ms) => mibPerSecond(size, ms));
    return {
      benchmark: comparison.benchmark,
      measured,
      baseline,
      unit: 'MiB/s',
      notes: `${(size / MIB).toFixed(0)} MiB; ${comparison.notes}; ${runs}`,
    };
  });
}

export const benchmark: Benchmark = {
  name: 'fileThroughput',
  description: `upload and download of ${(settings.throughputBytes / MIB).toFixed(0)} MiB through a real server, against raw disk write and read`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const rawDir = join(tempDir, 'raw');
    await mkdir(rawDir);
    const cold = await dropPageCache();
    if (!cold) step('cannot drop the page cache (needs root and a writable /proc/sys): reads are measured from the page cache only');
    const samples: Samples = { write: [], upload: [], readCached: [], downloadCached: [], readCold: [], downloadCold: [] };
    await withBenchServer(join(tempDir, 'server'), Math.max(settings.throughputBytes, WARM_UP_BYTES) + MIB, async (server) => {
      step(`server pid ${server.pid} at ${server.url}`);
      // Compiles every path in both processes; its figures are dropped.
      await runRound(server, rawDir, { label: 'warm-up  ', size: WARM_UP_BYTES, seed: 0, cold });
      for (let rep = 1; rep <= settings.repeats; rep++) {
        const timings = await runRound(server, rawDir, {
          label: `round ${rep}/${settings.repeats}`,
          size: settings.throughputBytes,
          seed: rep,
          cold,
        });
        for (const [measure, ms] of Object.entries(timings) as [Measure, number][]) samples[measure].push(ms);
      }
    });
    return rows(samples, cold);
  },
};
