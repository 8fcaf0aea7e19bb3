import { parseArgs } from 'node:util';
import type { VerifyReport } from '../audit/auditPorts';
import type { ChainBreak } from '../domain/audit/chainBreak';
import { EventStoreChainVerifier } from '../audit/verify/eventStoreChainVerifier';
import { inTheDatabaseOf, onServerData } from './operatorCommand';
import type { OperatorCommand } from './operatorCommand';
import { ProgressBar } from './progressBar';

export const AUDIT_USAGE = `  audit verify [--stream <stream>]
             walk the hash chains of every stream (or one) and print each break; exit 1 when there is one`;

/** `filora audit verify`'s arguments: the one stream to walk, or null for the whole log. */
export function parseVerifyArguments(args: readonly string[]): { stream: string | null } | null {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      options: { stream: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'verify' || values.stream === '') return null;
    return { stream: values.stream ?? null };
  } catch {
    return null;
  }
}

/** One line a break: where it is, what kind, and what the chain expected there against what the store holds. */
export const breakLine = (found: ChainBreak): string =>
  `${found.stream} ${found.revision} ${found.kind} expected ${found.expected} found ${found.found}`;

function summaryLine(report: VerifyReport): string {
  const anchored = report.unchainedBeforeAnchor > 0 ? ` (${report.unchainedBeforeAnchor} written before their stream's chain began)` : '';
  const outcome = report.breaks.length === 0 ? 'the chains hold' : `${report.breaks.length} break${report.breaks.length === 1 ? '' : 's'}`;
  return `checked ${report.events} events in ${report.streams} stream${report.streams === 1 ? '' : 's'}${anchored}: ${outcome}`;
}

/**
 * The whole log with a progress bar on stderr, when the store can tell how long the log is. That length is an
 * upper bound (see eventsUpTo), so the bar is drawn full once the walk is done.
 */
async function verifyAll(verifier: EventStoreChainVerifier): Promise<VerifyReport> {
  const bar = new ProgressBar();
  let drawn = false;
  const report = await verifier.verifyAll({
    onProgress: ({ checked, total }) => {
      if (total === null) return;
      drawn = true;
      bar.update('verify', checked, Math.max(total, checked));
    },
  });
  if (drawn) bar.update('verify', report.events, report.events);
  return report;
}

/**
 * `filora audit verify [--stream S]`: walks the hash chains on the server's stores (no running server needed)
 * and prints every break, then a summary, on stdout. Exit 0 when the chains hold, 1 when one is broken (or the
 * stream or the database is not there), 2 on a usage error.
 */
export const runAuditCommand: OperatorCommand = async (args, config, openPlatform) => {
  const parsed = parseVerifyArguments(args);
  if (!parsed) {
    process.stderr.write('usage: filora audit verify [--stream <stream>]\n');
    return 2;
  }
  return onServerData(config, openPlatform, async (platform) => {
    const verifier = platform.container.resolve(EventStoreChainVerifier);
    const report = parsed.stream === null ? await verifyAll(verifier) : await verifier.verifyStream(parsed.stream);
    if (parsed.stream !== null && report.events === 0) {
      process.stderr.write(`no stream is named ${parsed.stream}${inTheDatabaseOf(config)}\n`);
      return 1;
    }
    for (const found of report.breaks) process.stdout.write(`${breakLine(found)}\n`);
    process.stdout.write(`${summaryLine(report)}\n`);
    return report.breaks.length === 0 ? 0 : 1;
  });
};
