import { parseArgs } from 'node:util';
import { z } from 'zod';
import { instant, untilNotBeforeSince } from '../api/http/timeWindow';
import type { AuditFilter, AuditLogReader, AuditReadProgress } from '../audit/auditPorts';
import { eventsUpTo } from '../audit/eventsUpTo';
import { AUDIT_LOG_READER } from '../audit/read/auditLogReader';
import { presentAuditEvent } from '../audit/presentAuditEvent';
import type { RecordedEvent } from '../ports/eventStore';
import { onServerData } from './operatorCommand';
import type { OperatorCommand } from './operatorCommand';
import { LineOutput } from './lineOutput';
import { ProgressBar } from './progressBar';

const REPLAY_SYNOPSIS = 'replay [--since <time>] [--until <time>] [--type <type>]... [--stream <stream>] [--format ndjson|table]';

export const REPLAY_USAGE = `  ${REPLAY_SYNOPSIS}
             print the log in order (ndjson: the audit API's event objects, secrets redacted; table: one line an event)`;

const FORMATS = ['ndjson', 'table'] as const;
type Format = (typeof FORMATS)[number];

/** The command line, as `filora replay` takes it: times ISO-8601 with a zone; --type repeats or is comma separated. */
const replayArguments = z
  .object({
    since: instant.optional(),
    until: instant.optional(),
    type: z
      .array(z.string())
      .optional()
      .transform((given) =>
        given
          ?.flatMap((each) => each.split(','))
          .map((each) => each.trim())
          .filter((each) => each !== ''),
      )
      .refine((types) => types === undefined || types.length > 0, 'name at least one type'),
    stream: z.string().min(1, 'name a stream').optional(),
    format: z.enum(FORMATS).default('ndjson'),
  })
  .superRefine(untilNotBeforeSince);

export interface ReplayRequest {
  filter: AuditFilter;
  format: Format;
}

/** The request, or what is wrong with the command line. */
export function parseReplayArguments(args: readonly string[]): ReplayRequest | string {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        type: { type: 'string', multiple: true },
        stream: { type: 'string' },
        format: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    return (error as Error).message;
  }
  const parsed = replayArguments.safeParse(values);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return `--${String(issue!.path[0])}: ${issue!.message}`;
  }
  const { since, until, type, stream, format } = parsed.data;
  return {
    filter: {
      stream,
      types: type,
      since: since === undefined ? undefined : new Date(since),
      until: until === undefined ? undefined : new Date(until),
    },
    format,
  };
}

const TABLE_COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['POSITION', 20],
  ['TIME', 24],
  ['STREAM', 45],
  ['REVISION', 8],
  ['TYPE', 28],
  ['ACTOR', 0],
];

const tableLine = (cells: readonly string[]): string =>
  cells
    .map((cell, index) => cell.padEnd(TABLE_COLUMNS[index]![1]))
    .join(' ')
    .trimEnd();

/** One line a event for people: position, time, stream, revision, type, actor ('-' for none). */
export const tableRow = (event: RecordedEvent): string =>
  tableLine([
    event.position,
    event.createdAt.toISOString(),
    event.streamId,
    String(event.revision),
    event.type,
    event.metadata.actor ?? '-',
  ]);

const formatters: Record<Format, { header: string | null; line: (event: RecordedEvent) => string }> = {
  ndjson: { header: null, line: (event) => JSON.stringify(presentAuditEvent(event)) },
  table: { header: tableLine(TABLE_COLUMNS.map(([name]) => name)), line: tableRow },
};

/**
 * Progress through the log, drawn from positions (see eventsUpTo): nothing where the store cannot tell. A read
 * of one stream, or with a time bound, can end before the head: `finish` draws the bar full then.
 */
function progressBar(): { onProgress: (progress: AuditReadProgress) => void; finish: () => void } {
  const bar = new ProgressBar();
  let total: number | null = null;
  return {
    onProgress: ({ position, head }) => {
      const done = eventsUpTo(position);
      total = eventsUpTo(head);
      if (done !== null && total !== null) bar.update('replay', Math.min(done, total), total);
    },
    finish: () => total !== null && bar.update('replay', total, total),
  };
}

/**
 * `filora replay …`: the log as an auditor reads it (every stream, secrets redacted), in log order, on stdout
 * at the pace its reader takes it. A progress bar goes to stderr when stdout is not a terminal (a file, a pipe).
 * Exit 0 done (also when the reader of stdout went away), 1 no database, 2 a usage error.
 */
export const runReplayCommand: OperatorCommand = async (args, config, openPlatform) => {
  const request = parseReplayArguments(args);
  if (typeof request === 'string') {
    process.stderr.write(`filora replay: ${request}\nusage: filora ${REPLAY_SYNOPSIS}\n`);
    return 2;
  }
  return onServerData(config, openPlatform, async (platform) => {
    const reader = platform.container.resolve<AuditLogReader>(AUDIT_LOG_READER);
    const output = new LineOutput();
    const format = formatters[request.format];
    const bar = process.stdout.isTTY ? null : progressBar();
    if (format.header !== null) await output.write(format.header);
    for await (const event of reader.events(request.filter, { visibleTo: null, onProgress: bar?.onProgress, signal: output.signal })) {
      if (output.closed) break;
      await output.write(format.line(event));
    }
    if (!output.closed) bar?.finish();
    return 0;
  });
};
