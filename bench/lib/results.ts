/** A pass/fail verdict that a benchmark asserts about its own figures. */
export interface Check {
  pass: boolean;
  /** What was required, e.g. "growth < 100 MiB". */
  requirement: string;
  /** A goal rather than a requirement: reported as MET or MISS, and a miss does not fail the run. */
  goal?: boolean;
}

/** One line of the results table: a figure beside a baseline taken in the same run. */
export interface ResultRow {
  benchmark: string;
  measured: number;
  /** Null when the figure stands alone. */
  baseline: number | null;
  unit: string;
  /** What the baseline was, and anything that qualifies the figure. */
  notes: string;
  check?: Check;
}

export interface BenchContext {
  /** Directory the benchmark may use; removed after it runs. */
  tempDir: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(context: BenchContext): Promise<ResultRow[]>;
}

/** measured / baseline, or null when there is no usable baseline. */
export function ratioOf(row: ResultRow): number | null {
  return row.baseline && row.baseline !== 0 ? row.measured / row.baseline : null;
}

export function isBenchmark(value: unknown): value is Benchmark {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Benchmark>;
  return typeof candidate.name === 'string' && typeof candidate.description === 'string' && typeof candidate.run === 'function';
}
