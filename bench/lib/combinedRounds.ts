import type { LoadFigures } from './loadTest';
import { median } from './measure';

/**
 * Several load tests of the same request as one: counts and seconds added up (so req/s is over all of
 * them), latencies the median of the rounds' percentiles (autocannon reports no samples to pool).
 */
export function combinedRounds(rounds: readonly LoadFigures[]): LoadFigures {
  if (rounds.length === 0) throw new Error('no rounds to combine');
  const sum = (figure: (round: LoadFigures) => number) => rounds.reduce((total, round) => total + figure(round), 0);
  const statuses: Record<string, number> = {};
  for (const round of rounds) {
    for (const [status, times] of Object.entries(round.statuses)) statuses[status] = (statuses[status] ?? 0) + times;
  }
  const seconds = sum((round) => round.seconds);
  return {
    okPerSecond: sum((round) => round.okPerSecond * round.seconds) / seconds,
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    responses: sum((round) => round.responses),
    non2xx: sum((round) => round.non2xx),
    errors: sum((round) => round.errors),
    statuses,
    seconds,
  };
}
