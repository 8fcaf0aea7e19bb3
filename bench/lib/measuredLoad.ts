import { httpSettings } from './httpSettings';
import type { LoadFigures, LoadPlan } from './loadTest';
import { loadTest } from './loadTest';
import { step } from './progress';

const { seconds, connections, warmUpSeconds } = httpSettings;

/**
 * One load test of `plan` at the configured connections (or `loadConnections`) and seconds, after an untimed
 * warm-up of its own; logs its figures.
 */
export async function measuredLoad(label: string, url: string, plan: LoadPlan, loadConnections = connections): Promise<LoadFigures> {
  await loadTest(url, plan, { connections: loadConnections, seconds: warmUpSeconds });
  const figures = await loadTest(url, plan, { connections: loadConnections, seconds });
  step(
    `${label}: ${figures.okPerSecond.toFixed(0)} req/s (2xx), p50 ${figures.p50} ms, p99 ${figures.p99} ms, ` +
      `non-2xx ${figures.non2xx}, errors ${figures.errors}`,
  );
  return figures;
}
