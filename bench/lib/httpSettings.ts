/** The size knobs of the HTTP benchmarks (httpPeers, listGrowth, tokenOverhead, oauthOverhead), from the environment. */

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: expected a positive integer, got "${raw}"`);
  return value;
}

function positiveInts(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`${name}: expected positive integers separated by commas, got "${raw}"`);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

export const httpSettings = {
  /** Seconds each route (and each baseline) is loaded for. */
  seconds: positiveInt('FILORA_BENCH_HTTP_SECONDS', 10),
  /** Concurrent connections of the load generator. */
  connections: positiveInt('FILORA_BENCH_HTTP_CONNECTIONS', 50),
  /** Seconds of warm-up before each measurement, not counted. */
  warmUpSeconds: positiveInt('FILORA_BENCH_HTTP_WARMUP_SECONDS', 1),
  /** Files in the folder that GET /files lists. */
  listedFiles: positiveInt('FILORA_BENCH_HTTP_FILES', 10000),
  /** Folder sizes at which list latency is measured; the first is the reference. */
  listSizes: positiveInts('FILORA_BENCH_LIST_SIZES', [1000, 10000, 100000]),
  /** Timed requests per list latency, one after another, after a tenth as many to warm up. */
  listRequests: positiveInt('FILORA_BENCH_LIST_REQUESTS', 200),
  /** Rounds of tokenOverhead and oauthOverhead, each loading the route with a session and then with the credential under test. */
  overheadRounds: positiveInt('FILORA_BENCH_OVERHEAD_ROUNDS', 3),
};
