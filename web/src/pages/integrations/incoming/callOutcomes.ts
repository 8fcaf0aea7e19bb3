import type { BadgeTone } from '../../../components/Badge';
import type { CallOutcome, CallStats } from './types';

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  succeeded: 'Succeeded',
  mapping_failed: 'Mapping failed',
  command_failed: 'Command failed',
  invalid_signature: 'Invalid signature',
  invalid_payload: 'Invalid payload',
  too_large: 'Too large',
  running: 'Running',
};

export function outcomeTone(outcome: CallOutcome): BadgeTone {
  if (outcome === 'succeeded') return 'success';
  return outcome === 'running' ? 'warning' : 'danger';
}

export const describeCounts = (stats: CallStats) =>
  `${stats.total} ${stats.total === 1 ? 'call' : 'calls'}: ${stats.succeeded} succeeded, ${stats.failed} failed`;

/** The feed events a call's command causes (a refused call causes none): call logs and counts reload quietly when one arrives. */
export const causedByCall = (type: string) => /^(file|folder|upload)\./.test(type);
