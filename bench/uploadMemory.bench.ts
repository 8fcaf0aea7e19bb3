import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchServer } from './lib/benchServer';
import { withBenchServer } from './lib/benchServer';
import { uploadFile } from './lib/filesApi';
import { MIB, median, mibPerSecond, timeMs } from './lib/measure';
import { patternChunks } from './lib/patternBytes';
import { byteProgress, step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { mib, peakRssBytes, resetPeakRss, rssBytes, sampleRss } from './lib/rss';
import { settings } from './lib/settings';

const WARM_UP_BYTES = 16 * MIB;
const SAMPLE_INTERVAL_MS = 50;

/** The server's resting RSS: the median of a few reads after the warm-up has settled. */
async function restingRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(100);
    readings.push(rssBytes(pid));
  }
  return median(readings);
}

interface Watched {
  baselineBytes: number;
  sampledPeakBytes: number;
  kernelPeakBytes: number | null;
  samples: number;
  ms: number;
}

async function watchLargeUpload(server: BenchServer): Promise<Watched> {
  const size = settings.largeUploadBytes;
  const warmUp = (n: number) =>
    uploadFile(server.url, server.token, { name: `warm-up-${n}.bin`, size: WARM_UP_BYTES, content: patternChunks(WARM_UP_BYTES, -n) });
  await warmUp(1);
  await warmUp(2);
  const baselineBytes = await restingRss(server.pid);
  step(`server pid ${server.pid}: resting RSS ${mib(baselineBytes).toFixed(1)} MiB after two ${WARM_UP_BYTES / MIB} MiB uploads`);

  const kernelPeakKnown = resetPeakRss(server.pid);
  const sampler = sampleRss(server.pid, SAMPLE_INTERVAL_MS);
  const progress = byteProgress('upload', size);
  const ms = await timeMs(async () => {
    await uploadFile(server.url, server.token, { name: 'large.bin', size, content: patternChunks(size, 1, progress) });
  });
  const { peakBytes, samples } = sampler.stop();
  return { baselineBytes, sampledPeakBytes: peakBytes, kernelPeakBytes: kernelPeakKnown ? peakRssBytes(server.pid) : null, samples, ms };
}

export const benchmark: Benchmark = {
  name: 'uploadMemory',
  description: `server RSS while ${(settings.largeUploadBytes / MIB).toFixed(0)} MiB are uploaded over HTTP`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const size = settings.largeUploadBytes;
    const watched = await withBenchServer(join(tempDir, 'server'), size + MIB, watchLargeUpload);
    const peakBytes = Math.max(watched.sampledPeakBytes, watched.kernelPeakBytes ?? 0);
    const growthMib = mib(peakBytes - watched.baselineBytes);
    const limitMib = mib(settings.rssGrowthLimitBytes);
    const kernel =
      watched.kernelPeakBytes === null
        ? 'kernel peak (VmHWM) unavailable'
        : `kernel peak (VmHWM) ${mib(watched.kernelPeakBytes).toFixed(1)} MiB`;
    step(`RSS grew by ${growthMib.toFixed(1)} MiB (limit ${limitMib.toFixed(0)} MiB)`);
    return [
      {
        benchmark: `server RSS, ${(size / MIB).toFixed(0)} MiB upload`,
        measured: mib(peakBytes),
        baseline: mib(watched.baselineBytes),
        unit: 'MiB',
        check: { pass: growthMib < limitMib, requirement: `growth < ${limitMib.toFixed(0)} MiB (grew ${growthMib.toFixed(1)} MiB)` },
        notes:
          `peak vs resting RSS of the server process; sampled peak ${mib(watched.sampledPeakBytes).toFixed(1)} MiB ` +
          `(VmRSS every ${SAMPLE_INTERVAL_MS} ms, ${watched.samples} samples), ${kernel}; upload ran at ${mibPerSecond(size, watched.ms).toFixed(0)} MiB/s`,
      },
    ];
  },
};
