import { median } from './measure';

export interface LatencyFigures {
  /** Milliseconds. */
  p50: number;
  p99: number;
  requests: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/**
 * Milliseconds of each of `count` GETs of `url`, sent one after another over one kept-alive connection,
 * each until its whole body has arrived; throws on any answer but 200.
 */
export async function timeGets(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    const body = await response.text();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
  }
  return samples;
}

export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: median(sorted), p99: percentile(sorted, 0.99), requests: samples.length };
}
