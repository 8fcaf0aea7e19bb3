import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SqliteEventStore } from '../src/adapters/eventStore/sqliteEventStore';
import { ndjsonOf } from '../src/api/audit/ndjsonExport';
import { AUDIT_READ_PAGE, EventStoreAuditLogReader } from '../src/audit/read/auditLogReader';
import { chainEvents, GENESIS_HASH } from '../src/domain/audit/eventHash';
import type { EventStore, EventToAppend } from '../src/ports/eventStore';
import { freshEventDatabase } from './lib/eventDatabase';
import { compareRates } from './lib/compare';
import { median, perSecond, timeMs } from './lib/measure';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';

const PER_STREAM = 100;

/** Chained events of a realistic size and shape (metadata of a request, a secret to redact) in streams of PER_STREAM. */
async function seed(store: EventStore, count: number): Promise<void> {
  const ownerId = randomUUID();
  for (let written = 0; written < count; written += PER_STREAM) {
    const events: EventToAppend[] = Array.from({ length: Math.min(PER_STREAM, count - written) }, (_, index) => ({
      id: randomUUID(),
      type: 'FileRenamed',
      data: { fileId: randomUUID(), ownerId, name: `report-${written + index}.pdf`, secretHash: 'h'.repeat(64) },
      metadata: { actor: ownerId, tokenId: randomUUID(), requestId: randomUUID(), correlationId: randomUUID(), ip: '127.0.0.1' },
    }));
    await store.append(`file-${randomUUID()}`, chainEvents(GENESIS_HASH, events).events, { expectedRevision: 'no_stream' });
    if (written % 20_000 === 0) step(`seeded ${written}/${count} events`);
  }
}

/** The baseline: every event through readAll in the reader's page size, nothing done with them. */
async function readAllRaw(store: EventStore): Promise<number> {
  let read = 0;
  for (let after: string | null = null; ;) {
    const page = await store.readAll({ after, limit: AUDIT_READ_PAGE });
    if (page.length === 0) return read;
    read += page.length;
    after = page[page.length - 1]!.position;
  }
}

const unused = () => {
  throw new Error('an auditor’s export reads no access model');
};

/** The export's work without HTTP: the audit reader (everything, as an auditor) into NDJSON, drained by a sink. */
async function exportAll(store: EventStore): Promise<number> {
  const reader = new EventStoreAuditLogReader(store, { current: unused }, { reaching: unused }, { mayRead: unused });
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await pipeline(ndjsonOf(reader.events({}, { visibleTo: null })), sink);
  return bytes;
}

export const benchmark: Benchmark = {
  name: 'auditExport',
  description: `audit export: ${settings.readCount} events read as the NDJSON export (audit reader, redaction, JSON lines) against raw readAll of the same events, interleaved rounds`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const db = await freshEventDatabase(join(tempDir, 'audit.sqlite'));
    const store = new SqliteEventStore(db);
    try {
      await seed(store, settings.readCount);
      const samples = { export: [] as number[], readAll: [] as number[] };
      let bytes = 0;
      await exportAll(store);
      for (let round = 1; round <= settings.repeats * 2; round++) {
        const sides = round % 2 === 0 ? (['export', 'readAll'] as const) : (['readAll', 'export'] as const);
        for (const side of sides)
          samples[side].push(
            await timeMs(async () => void (side === 'export' ? (bytes = await exportAll(store)) : await readAllRaw(store))),
          );
        step(`round ${round}: export ${samples.export.at(-1)!.toFixed(0)} ms, readAll ${samples.readAll.at(-1)!.toFixed(0)} ms`);
      }
      const rate = (ms: number) => perSecond(settings.readCount, ms);
      const compared = compareRates({ measured: samples.export, baseline: samples.readAll }, rate);
      const paired = median(samples.export.map((ms, round) => samples.readAll[round]! / ms));
      return [
        {
          benchmark: 'audit export (NDJSON)',
          measured: compared.measured,
          baseline: compared.baseline,
          unit: 'events/s',
          notes: `SqliteEventStore (WAL), ${settings.readCount} chained events in streams of ${PER_STREAM}, ${(bytes / settings.readCount).toFixed(0)} bytes of NDJSON an event; measured: EventStoreAuditLogReader (pages of ${AUDIT_READ_PAGE}) → presentAuditEvent (deep redaction) → NDJSON chunks drained by a sink, in process (no HTTP); baseline: readAll in pages of ${AUDIT_READ_PAGE}; median paired ratio ${paired.toFixed(3)}; ${compared.runs}`,
        },
      ];
    } finally {
      await store.close();
      await db.close();
    }
  },
};
