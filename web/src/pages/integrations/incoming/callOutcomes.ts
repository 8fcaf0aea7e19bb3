import type { CallOutcome } from './types';

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  succeeded: 'Succeeded',
  mapping_failed: 'Mapping failed',
  command_failed: 'Command failed',
  invalid_signature: 'Invalid signature',
  invalid_payload: 'Invalid payload',
  too_large: 'Too large',
  running: 'Running',
};

export function outcomeBadgeClass(outcome: CallOutcome): string {
  if (outcome === 'succeeded') return 'badge badge-success';
  return outcome === 'running' ? 'badge badge-warning' : 'badge badge-danger';
}
