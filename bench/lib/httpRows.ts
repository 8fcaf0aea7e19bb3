import type { HttpCase } from './httpCases';
import type { LoadFigures } from './loadTest';
import type { Check, ResultRow } from './results';

/** Failures (non-2xx answers, connection errors) above this share make the row fail outright. */
const MAX_FAILED_SHARE = 0.01;

export const count = (value: number) => Math.round(value).toLocaleString('en');

/** `non-2xx 3 (429×3), errors 0`. */
export function failures(figures: LoadFigures): string {
  const failed = Object.entries(figures.statuses).filter(([status]) => !status.startsWith('2'));
  const statuses = failed.map(([status, times]) => `${status}×${count(times)}`).join(', ');
  return `non-2xx ${count(figures.non2xx)}${statuses ? ` (${statuses})` : ''}, errors ${count(figures.errors)}`;
}

const failedShare = (figures: LoadFigures) => (figures.non2xx + figures.errors) / Math.max(1, figures.responses + figures.errors);

/** A failed check when either side failed more than MAX_FAILED_SHARE of its requests: its throughput means nothing then. */
export function tooManyFailures(...sides: readonly LoadFigures[]): Check | undefined {
  const share = Math.max(...sides.map(failedShare));
  if (share <= MAX_FAILED_SHARE) return undefined;
  return { pass: false, requirement: `failed requests ≤ ${MAX_FAILED_SHARE * 100}% (were ${(share * 100).toFixed(1)}%)` };
}

function check(httpCase: HttpCase, filora: LoadFigures, baseline: LoadFigures): Check | undefined {
  const failed = tooManyFailures(filora, baseline);
  if (failed) return failed;
  const { goal } = httpCase;
  if (!goal) return undefined;
  const ratio = filora.okPerSecond / baseline.okPerSecond;
  const latencyOk = goal.maxP99Ms === undefined || filora.p99 <= goal.maxP99Ms;
  const requirement = `goal ≥ ${goal.minRatio}${goal.maxP99Ms === undefined ? '' : `, p99 ≤ ${goal.maxP99Ms} ms`}`;
  return { pass: ratio >= goal.minRatio && latencyOk, requirement, goal: true };
}

/** One results row: Filora's 2xx req/s beside bare Express's, latencies and failures of both in the notes. */
export function httpRow(
  httpCase: HttpCase,
  filora: LoadFigures,
  baseline: LoadFigures,
  baselineWhat: string,
  connections: number,
): ResultRow {
  const row: ResultRow = {
    benchmark: `HTTP ${httpCase.label}`,
    measured: filora.okPerSecond,
    baseline: baseline.okPerSecond,
    unit: 'req/s (2xx)',
    notes:
      `${connections} connections, ${filora.seconds.toFixed(0)} s each; p50/p99 ${filora.p50}/${filora.p99} ms vs ${baseline.p50}/${baseline.p99} ms; ` +
      `Filora: ${count(filora.responses)} answers, ${failures(filora)}; Express: ${failures(baseline)}; baseline: bare Express 5 ${baselineWhat}`,
  };
  const verdict = check(httpCase, filora, baseline);
  return verdict ? { ...row, check: verdict } : row;
}
