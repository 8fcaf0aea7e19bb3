import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from './lib/machine';
import { timeMs } from './lib/measure';
import type { BenchFailure, Report } from './lib/report';
import { markdownTable, reportPassed, writeReport } from './lib/report';
import type { Benchmark, ResultRow } from './lib/results';
import { isBenchmark } from './lib/results';

const USAGE = `usage: npm run bench [-- --only <name>[,<name>...]]
Runs every bench/*.bench.ts and writes bench/results/latest.md and latest.json.
Sizes: FILORA_BENCH_BYTES, FILORA_BENCH_LARGE_BYTES, FILORA_BENCH_REPEATS, FILORA_BENCH_EVENTS, FILORA_BENCH_READ_EVENTS,
FILORA_BENCH_DOWNLOADS, FILORA_BENCH_RENAMES.`;

function parseOnly(argv: readonly string[]): Set<string> | null {
  const names = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = arg === '--only' ? argv[++i] : arg.startsWith('--only=') ? arg.slice('--only='.length) : undefined;
    if (value === undefined) throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    for (const name of value.split(',')) if (name) names.add(name);
  }
  return names.size > 0 ? names : null;
}

/** Every `*.bench.ts` next to this file, by name; each exports `benchmark`. */
async function discover(): Promise<Benchmark[]> {
  const files = (await readdir(__dirname)).filter((file) => file.endsWith('.bench.ts')).sort();
  const found: Benchmark[] = [];
  for (const file of files) {
    const loaded = (await import(join(__dirname, file))) as { benchmark?: unknown };
    if (!isBenchmark(loaded.benchmark)) throw new Error(`${file} does not export a \`benchmark\``);
    found.push(loaded.benchmark);
  }
  return found;
}

async function runOne(benchmark: Benchmark, rows: ResultRow[], failures: BenchFailure[]): Promise<void> {
  process.stderr.write(`\n== ${benchmark.name}: ${benchmark.description}\n`);
  const tempDir = await mkdtemp(join(tmpdir(), `filora-bench-${benchmark.name}-`));
  try {
    const ms = await timeMs(async () => {
      rows.push(...(await benchmark.run({ tempDir })));
    });
    process.stderr.write(`== ${benchmark.name} done in ${(ms / 1000).toFixed(1)} s\n`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`== ${benchmark.name} FAILED: ${message}\n`);
    failures.push({ benchmark: benchmark.name, error: error instanceof Error ? error.message : String(error) });
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const only = parseOnly(process.argv.slice(2));
  const all = await discover();
  const unknown = only ? [...only].filter((name) => !all.some((benchmark) => benchmark.name === name)) : [];
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  const selected = only ? all.filter((benchmark) => only.has(benchmark.name)) : all;

  const machine = describeMachine();
  const rows: ResultRow[] = [];
  const failures: BenchFailure[] = [];
  const ms = await timeMs(async () => {
    for (const benchmark of selected) await runOne(benchmark, rows, failures);
  });

  const report: Report = { machine, benchmarks: selected.map((b) => b.name), rows, failures, durationSeconds: ms / 1000 };
  const paths = await writeReport(join(__dirname, 'results'), report);
  console.log(markdownTable(rows));
  const passed = reportPassed(report);
  process.stderr.write(`\n${passed ? 'PASS' : 'FAIL'}: results in ${paths.markdownPath} and ${paths.jsonPath}\n`);
  return passed ? 0 : 1;
}

// Exits explicitly: a benchmark that left a socket or timer behind must not keep the run alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
