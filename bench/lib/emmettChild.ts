import { emmettAppendTarget } from './emmettAppendTarget';
import { workloadNamed } from './peerWorkloads';

/**
 * Runs one workload against Emmett's SQLite store and prints its WorkloadResult as JSON on stdout. It runs in
 * a child process because Emmett's per-call connections can kill the process: a SQLITE_BUSY on the
 * `PRAGMA journal_mode = WAL` each new connection runs without a callback is an unhandled 'error' event.
 */
async function main(): Promise<void> {
  const [key, path] = process.argv.slice(2);
  if (!key || !path) throw new Error('usage: emmettChild <workload> <database file>');
  const target = emmettAppendTarget(path);
  const result = await workloadNamed(key).run(target);
  await target.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
