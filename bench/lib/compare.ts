import { median, spread } from './measure';

export interface TimedPair {
  /** Milliseconds per run of the thing measured. */
  measured: number[];
  /** Milliseconds per run of its baseline. */
  baseline: number[];
}

/** Medians of both sides as rates, and a note that says how many runs and how far apart they were. */
export function compareRates(timings: TimedPair, rate: (ms: number) => number): { measured: number; baseline: number; runs: string } {
  const measuredRates = timings.measured.map(rate);
  const baselineRates = timings.baseline.map(rate);
  return {
    measured: median(measuredRates),
    baseline: median(baselineRates),
    runs: `median of ${measuredRates.length} runs (${spread(measuredRates)} vs baseline ${spread(baselineRates)})`,
  };
}
