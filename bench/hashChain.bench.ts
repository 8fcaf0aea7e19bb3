import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { MemoryEventStore } from '../src/adapters/eventStore/memoryEventStore';
import { SqliteEventStore } from '../src/adapters/eventStore/sqliteEventStore';
import { userAggregate } from '../src/commands/aggregates';
import { CommandPipeline } from '../src/commands/pipeline';
import { chainEvents, GENESIS_HASH } from '../src/domain/audit/eventHash';
import type { EventStore, EventToAppend } from '../src/ports/eventStore';
import { freshEventDatabase } from './lib/eventDatabase';
import { compareRates } from './lib/compare';
import { median, perSecond, timeMs } from './lib/measure';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';

const GOAL_RATIO = 0.95;
const ROUNDS_PER_REPEAT = 5;

/** Commands for `appends` appends: half register a user (a new stream), half change that user's profile (a chained one). */
function commandsFor(appends: number) {
  return Array.from({ length: Math.ceil(appends / 2) }, (_, index) => {
    const userId = randomUUID();
    const metadata = { actor: userId, requestId: randomUUID(), correlationId: randomUUID(), ip: '127.0.0.1' };
    const register = {
      type: 'RegisterUser' as const,
      userId,
      username: `user${index}`,
      email: `u${index}@example.com`,
      displayName: 'U',
      passwordHash: 'h'.repeat(60),
    };
    return { userId, metadata, register, change: { type: 'ChangeProfile' as const, displayName: `User ${index}` } };
  });
}
type Commands = ReturnType<typeof commandsFor>;

async function runCommands(store: EventStore, commands: Commands): Promise<void> {
  const pipeline = new CommandPipeline(store);
  for (const { userId, metadata, register, change } of commands) {
    await pipeline.create(userAggregate, userId, register, metadata);
    await pipeline.execute(userAggregate, userId, change, metadata);
  }
}

interface PlannedAppend {
  stream: string;
  event: EventToAppend;
}

/** The events the commands append, in order, without their chain fields: what both raw sides write. */
async function plannedAppends(commands: Commands): Promise<PlannedAppend[]> {
  const memory = new MemoryEventStore();
  await runCommands(memory, commands);
  const events = await memory.readAll({ after: null, limit: Number.MAX_SAFE_INTEGER });
  return events.map(({ streamId, type, data, metadata: { prevHash: _prevHash, hash: _hash, ...metadata } }) => ({
    stream: streamId,
    event: { id: randomUUID(), type, data, metadata },
  }));
}

/** Appends each event with its stream's expected revision; chained on the stream's last hash when `chained`. */
async function appendRaw(store: EventStore, appends: readonly PlannedAppend[], chained: boolean): Promise<void> {
  const tails = new Map<string, { revision: bigint; hash: string }>();
  for (const { stream, event } of appends) {
    const tail = tails.get(stream);
    const { events, lastHash } = chained ? chainEvents(tail?.hash ?? GENESIS_HASH, [event]) : { events: [event], lastHash: '' };
    const result = await store.append(stream, events, { expectedRevision: tail?.revision ?? 'no_stream' });
    tails.set(stream, { revision: result.nextExpectedRevision, hash: lastHash });
  }
}

type Side = 'raw' | 'chained' | 'pipeline';

async function timeSide(tempDir: string, name: string, side: Side, commands: Commands, appends: readonly PlannedAppend[]): Promise<number> {
  const db = await freshEventDatabase(join(tempDir, `${side}-${name}.sqlite`));
  const store = new SqliteEventStore(db);
  try {
    return await timeMs(() => (side === 'pipeline' ? runCommands(store, commands) : appendRaw(store, appends, side === 'chained')));
  } finally {
    await store.close();
    await db.close();
  }
}

/** Every order of the three sides, taken in turn, so that none always runs first or after the same one. */
const ORDERS: Side[][] = [
  ['raw', 'chained', 'pipeline'],
  ['chained', 'pipeline', 'raw'],
  ['pipeline', 'raw', 'chained'],
  ['raw', 'pipeline', 'chained'],
  ['pipeline', 'chained', 'raw'],
  ['chained', 'raw', 'pipeline'],
];

/**
 * Short rounds with the sides interleaved, on a machine other work may share: a round's sides see the same
 * load, so the ratio is taken per round (paired) and its median reported beside the medians of the rates.
 */
async function measure(tempDir: string): Promise<{ samples: Record<Side, number[]>; appendsPerRound: number }> {
  const rounds = settings.repeats * ROUNDS_PER_REPEAT;
  const appendsPerRound = Math.max(2, Math.round(settings.appendCount / ROUNDS_PER_REPEAT));
  const samples: Record<Side, number[]> = { raw: [], chained: [], pipeline: [] };
  const warmUp = commandsFor(250);
  const warmUpAppends = await plannedAppends(warmUp);
  for (const side of ORDERS[0]!) await timeSide(tempDir, 'warm-up', side, warmUp, warmUpAppends);
  for (let round = 1; round <= rounds; round++) {
    const commands = commandsFor(appendsPerRound);
    const appends = await plannedAppends(commands);
    for (const side of ORDERS[(round - 1) % ORDERS.length]!)
      samples[side].push(await timeSide(tempDir, String(round), side, commands, appends));
    const rate = (side: Side) => perSecond(appends.length, samples[side][round - 1]!).toFixed(0);
    step(`round ${round}/${rounds}: raw ${rate('raw')}, chained ${rate('chained')}, pipeline ${rate('pipeline')} appends/s`);
  }
  return { samples, appendsPerRound };
}

/** The median over rounds of measured rate / baseline rate within the round. */
const pairedRatio = (measuredMs: readonly number[], baselineMs: readonly number[]): number =>
  median(measuredMs.map((ms, round) => baselineMs[round]! / ms));

/** Microseconds per event of chainEvents alone on the same events, one event per call as the append path does. */
function chainCpuMicros(appends: readonly PlannedAppend[]): number {
  const started = process.hrtime.bigint();
  let previous = GENESIS_HASH;
  for (const { event } of appends) previous = chainEvents(previous, [event]).lastHash;
  return Number(process.hrtime.bigint() - started) / 1e3 / appends.length;
}

export const benchmark: Benchmark = {
  name: 'hashChain',
  description: `hash chain on appends: ${settings.appendCount * settings.repeats} appends in short interleaved rounds (half new streams, half chained on), chained and through the pipeline, against the same appends without hashes`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const { samples, appendsPerRound } = await measure(tempDir);
    const rate = (ms: number) => perSecond(appendsPerRound, ms);
    const chained = compareRates({ measured: samples.chained, baseline: samples.raw }, rate);
    const pipeline = compareRates({ measured: samples.pipeline, baseline: samples.raw }, rate);
    const chainedRatio = pairedRatio(samples.chained, samples.raw);
    const pipelineRatio = pairedRatio(samples.pipeline, samples.raw);
    const rawMicros = (1e3 / median(samples.raw.map(rate))) * 1e3;
    const hashed = await plannedAppends(commandsFor(appendsPerRound));
    const cpuMicros = median([1, 2, 3].map(() => chainCpuMicros(hashed)));
    const setting = `SqliteEventStore, WAL + synchronous FULL, one event per append with its expected revision, rounds of ${appendsPerRound} appends (half register a user, half change that user), sides interleaved`;
    return [
      {
        benchmark: 'append with hash chain',
        measured: chained.measured,
        baseline: chained.baseline,
        unit: 'appends/s',
        notes: `${setting}; measured: chainEvents on the stream's last hash then append; baseline: the same events without prevHash/hash; median paired ratio ${chainedRatio.toFixed(3)} (the check's figure); ${chained.runs}`,
        check: { pass: chainedRatio >= GOAL_RATIO, requirement: `goal: overhead < 5% (median paired ratio ≥ ${GOAL_RATIO})`, goal: true },
      },
      {
        benchmark: 'command through the pipeline (chained)',
        measured: pipeline.measured,
        baseline: pipeline.baseline,
        unit: 'appends/s',
        notes: `${setting}; measured: CommandPipeline create + execute (load from its folded states, decide, zod parse, chain, append); baseline: raw append of the same events without hashes, so the gap is the whole pipeline's and the chain's share of it is the row above; median paired ratio ${pipelineRatio.toFixed(3)}; ${pipeline.runs}`,
      },
      {
        benchmark: 'hash chain CPU per append',
        measured: cpuMicros,
        baseline: rawMicros,
        unit: 'µs/event',
        notes: `measured: chainEvents alone (canonical JSON + SHA-256) of one event, no I/O, median of 3 passes; baseline: the median time of one raw append above; the ratio is the chain's CPU share of an append (lower is better)`,
      },
    ];
  },
};
