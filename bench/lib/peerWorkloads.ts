import type { AppendTarget } from './appendTarget';
import type { WorkloadResult } from './appendWorkloads';
import { distinctStreamAppends, hotStreamAppends, sequentialAppends } from './appendWorkloads';
import { fixtures } from './eventFixtures';
import { settings } from './settings';

export const APPENDERS = 50;
const count = settings.peerAppendCount;
const hotCount = Math.ceil(count / 2);

export const WORKLOAD_KEYS = ['sequential', 'distinct', 'hot'] as const;
export type WorkloadKey = (typeof WORKLOAD_KEYS)[number];

export interface Workload {
  key: WorkloadKey;
  label: string;
  describe: string;
  run(target: AppendTarget): Promise<WorkloadResult>;
}

/** The three workloads of the event-store comparison, sized by the settings; every peer runs the same ones. */
export const peerWorkloads: readonly Workload[] = [
  {
    key: 'sequential',
    label: '(a) sequential single appends',
    describe: `${count} appends, one awaited after another, each to a new stream`,
    run: (target) => sequentialAppends(target, fixtures(count)),
  },
  {
    key: 'distinct',
    label: `(b) ${APPENDERS} concurrent appenders, own streams`,
    describe: `${count} appends from ${APPENDERS} async loops, each awaiting its appends to its own stream with the expected revision`,
    run: (target) => distinctStreamAppends(target, fixtures(count), APPENDERS),
  },
  {
    key: 'hot',
    label: `(c) ${APPENDERS} concurrent appenders, one hot stream`,
    describe: `up to ${hotCount} appends to one stream from ${APPENDERS} async loops with the expected revision (a conflict re-reads the stream's new events and retries), at most ${settings.peerHotSeconds} s`,
    run: (target) => hotStreamAppends(target, fixtures(hotCount + APPENDERS), APPENDERS, hotCount, settings.peerHotSeconds * 1000),
  },
];

export function workloadNamed(key: string): Workload {
  const workload = peerWorkloads.find((candidate) => candidate.key === key);
  if (!workload) throw new Error(`no workload named ${key}`);
  return workload;
}
