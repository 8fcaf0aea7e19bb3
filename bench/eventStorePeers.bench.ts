import { join } from 'node:path';
import type { WorkloadResult } from './lib/appendWorkloads';
import type { ChildOutcome } from './lib/emmettInChild';
import { runEmmettInChild } from './lib/emmettInChild';
import { emmettAppendTarget } from './lib/emmettAppendTarget';
import { emmettSynchronous } from './lib/emmettSynchronous';
import { fixtures } from './lib/eventFixtures';
import { filoraAppendTarget } from './lib/filoraAppendTarget';
import { median, perSecond, spread } from './lib/measure';
import type { Workload } from './lib/peerWorkloads';
import { APPENDERS, peerWorkloads } from './lib/peerWorkloads';
import { step } from './lib/progress';
import { rawAppendTarget } from './lib/rawAppendTarget';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';

const PEERS = ['filora', 'emmett', 'raw'] as const;
type Peer = (typeof PEERS)[number];
type Samples = Map<Workload, Record<Peer, ChildOutcome[]>>;

/** 50 concurrent appenders: Filora at least this many times Emmett (issue goal). */
const DISTINCT_GOAL_VS_EMMETT = 3;
/** Longest an Emmett run may take before it is declared hung. */
const EMMETT_TIMEOUT_MS = 60_000;

async function runPeer(peer: Peer, workload: Workload, path: string): Promise<ChildOutcome> {
  if (peer === 'emmett') return runEmmettInChild(workload.key, path, EMMETT_TIMEOUT_MS);
  const target = peer === 'filora' ? await filoraAppendTarget(path) : await rawAppendTarget(path);
  try {
    return { result: await workload.run(target) };
  } finally {
    await target.close();
  }
}

const rate = (result: WorkloadResult) => perSecond(result.appended, result.ms);
const results = (outcomes: readonly ChildOutcome[]) => outcomes.flatMap((outcome) => ('result' in outcome ? [outcome.result] : []));
const crashes = (outcomes: readonly ChildOutcome[]) => outcomes.flatMap((outcome) => ('crashed' in outcome ? [outcome.crashed] : []));

function describe(outcome: ChildOutcome): string {
  if ('crashed' in outcome) return `crashed: ${outcome.crashed}`;
  const { result } = outcome;
  const extras = [
    result.conflicts > 0 ? `${result.conflicts} conflicts` : '',
    result.busy > 0 ? `${result.busy} busy` : '',
    result.timedOut ? `deadline reached after ${result.appended}` : '',
  ].filter(Boolean);
  return `${rate(result).toFixed(0)}/s${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

async function measure(tempDir: string): Promise<Samples> {
  const samples: Samples = new Map(peerWorkloads.map((workload) => [workload, { filora: [], emmett: [], raw: [] }]));
  for (let rep = 1; rep <= settings.repeats; rep++) {
    for (const workload of peerWorkloads) {
      const line: string[] = [];
      // The peers take turns within a round, each on a fresh file in the same directory: same disk, same load.
      for (const peer of PEERS) {
        const outcome = await runPeer(peer, workload, join(tempDir, `${peer}-${workload.key}-${rep}.sqlite`));
        samples.get(workload)![peer].push(outcome);
        line.push(`${peer} ${describe(outcome)}`);
      }
      step(`${workload.label} ${rep}/${settings.repeats}: ${line.join('; ')}`);
    }
  }
  return samples;
}

/** A peer's runs in a note: the spread of rates, conflicts and busy retries, deadlines, crashes. */
function summary(peer: Peer, outcomes: readonly ChildOutcome[]): string {
  const done = results(outcomes);
  const failed = crashes(outcomes);
  const parts: string[] = [];
  if (done.length > 0) {
    parts.push(`${spread(done.map(rate))}/s`);
    const conflicts = median(done.map((result) => result.conflicts));
    const busy = median(done.map((result) => result.busy));
    const timedOut = done.filter((result) => result.timedOut);
    if (conflicts > 0) parts.push(`median ${conflicts.toFixed(0)} conflicts`);
    if (busy > 0) parts.push(`median ${busy.toFixed(0)} SQLITE_BUSY retries`);
    if (timedOut.length > 0)
      parts.push(`${timedOut.length} runs hit the deadline, after ${timedOut.map((result) => result.appended).join('/')} appends`);
  }
  if (failed.length > 0) parts.push(`${failed.length} of ${outcomes.length} runs crashed: ${failed[0]}`);
  return `${peer} ${parts.join(', ')}`;
}

function medianRate(outcomes: readonly ChildOutcome[]): number | null {
  const done = results(outcomes);
  return done.length === 0 ? null : median(done.map(rate));
}

function rows(samples: Samples, synchronous: string): ResultRow[] {
  return peerWorkloads.flatMap((workload) => {
    const byPeer = samples.get(workload)!;
    const filora = medianRate(byPeer.filora) ?? 0;
    const emmett = medianRate(byPeer.emmett);
    const runs = `median of ${settings.repeats} runs: ${PEERS.map((peer) => summary(peer, byPeer[peer])).join('; ')}`;
    const common = `${workload.describe}; same disk, WAL, synchronous FULL (Emmett's sqlite3 connections: ${synchronous})`;
    const goal =
      workload.key === 'distinct'
        ? {
            check: {
              pass: emmett !== null && filora >= DISTINCT_GOAL_VS_EMMETT * emmett,
              requirement: `≥ ${DISTINCT_GOAL_VS_EMMETT}x Emmett`,
              goal: true,
            },
          }
        : {};
    return [
      {
        benchmark: `event store ${workload.label}: Filora vs Emmett`,
        measured: filora,
        baseline: emmett,
        unit: 'appends/s',
        notes: `${common}; baseline: @event-driven-io/emmett-sqlite 0.42.4 appendToStream with expectedStreamVersion, a connection per call as getSQLiteEventStore({ fileName }) opens them${emmett === null ? ' (no run finished)' : ''}; ${runs}`,
        ...goal,
      },
      {
        benchmark: `event store ${workload.label}: Filora vs raw`,
        measured: filora,
        baseline: medianRate(byPeer.raw),
        unit: 'appends/s',
        notes: `${common}; baseline: raw better-sqlite3, one INSERT per append in its own BEGIN IMMEDIATE … COMMIT, the revision checked by a SELECT`,
      },
    ];
  });
}

/** Emmett opens its connections with SQLite's default synchronous setting; the comparison holds only if that is FULL. */
async function emmettSynchronousSetting(tempDir: string): Promise<string> {
  const path = join(tempDir, 'emmett-probe.sqlite');
  const probe = emmettAppendTarget(path);
  await probe.append('probe', fixtures(1)[0]!, 0);
  await probe.close();
  const synchronous = await emmettSynchronous(path);
  if (synchronous !== 'FULL')
    throw new Error(`Emmett's connections run with synchronous=${synchronous}, not FULL: the comparison would not be fair`);
  return synchronous;
}

export const benchmark: Benchmark = {
  name: 'eventStorePeers',
  description: `Event store against Emmett's SQLite store and raw better-sqlite3: sequential, ${APPENDERS} concurrent appenders, one hot stream`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const synchronous = await emmettSynchronousSetting(tempDir);
    return rows(await measure(tempDir), synchronous);
  },
};
