import type { Decider } from '../shared/decider';
import { conflict } from '../shared/domainError';
import type { CallAnswer, CallOutcome, IncomingCallEvent } from './incomingCallEvents';
import type { MappingIssue } from './incomingCommand';

/** One run of a call: a repeat whose last run lapsed, did not succeed (a refusal, a 5xx) or is older than the window runs again. */
export interface CallAttempt {
  callId: string;
  receivedAt: Date;
  leaseUntil: Date;
  /** null while it runs. */
  answer: CallAnswer | null;
}

export interface IncomingCallState {
  incomingWebhookId: string | null;
  ownerId: string | null;
  /** Oldest first; the last is the one a repeat is measured against. */
  attempts: readonly CallAttempt[];
}

/** What the log records of a call when it arrives. */
export interface CallArrival {
  incomingWebhookId: string;
  ownerId: string;
  messageId: string | null;
  ip: string | null;
  sizeBytes: number;
  payloadExcerpt: string;
}

export interface CallEnding {
  outcome: CallOutcome;
  resultId: string | null;
  errors: MappingIssue[];
  answer: CallAnswer;
}

export interface CallTiming {
  /** How long a run holds the message id: a repeat meanwhile answers 409. */
  leaseMs: number;
  /** How long a finished call's answer is replayed to a repeat. */
  replayWindowMs: number;
}

export type IncomingCallCommand =
  /** `callId` is the stream's: the id of its first run (later runs get ids of their own). */
  | { type: 'ReceiveCall'; callId: string; arrival: CallArrival; timing: CallTiming }
  | { type: 'FinishCall'; callId: string; ending: CallEnding }
  /** Refused before anything ran: received and finished in one append. */
  | { type: 'RefuseCall'; callId: string; arrival: CallArrival; ending: CallEnding };

const initialState: IncomingCallState = { incomingWebhookId: null, ownerId: null, attempts: [] };

function evolve(state: IncomingCallState, event: IncomingCallEvent): IncomingCallState {
  switch (event.type) {
    case 'IncomingCallReceived': {
      const { callId, incomingWebhookId, ownerId, receivedAt, leaseUntil } = event.data;
      const attempt = { callId, receivedAt: new Date(receivedAt), leaseUntil: new Date(leaseUntil), answer: null };
      return { incomingWebhookId, ownerId, attempts: [...state.attempts, attempt] };
    }
    case 'IncomingCallFinished': {
      const { callId, answer } = event.data;
      return { ...state, attempts: state.attempts.map((attempt) => (attempt.callId === callId ? { ...attempt, answer } : attempt)) };
    }
  }
}

/**
 * Only a success is replayed. A 5xx is the platform's failure; a mapping failure or a refusal (no such file, a name
 * taken, over quota) may be mended by the hook's owner or by the state changing: a repeat of either runs again.
 */
const isReplayable = (answer: CallAnswer) => answer.status >= 200 && answer.status < 300;

/** Whether a repeat arriving `now` runs, or is answered from the last run. */
export function repeatVerdict(state: IncomingCallState, now: Date, timing: CallTiming): 'run' | 'replay' | 'in_progress' {
  const last = state.attempts[state.attempts.length - 1];
  if (!last) return 'run';
  if (last.answer === null) return last.leaseUntil > now ? 'in_progress' : 'run';
  const replayable = isReplayable(last.answer) && now.getTime() - last.receivedAt.getTime() < timing.replayWindowMs;
  return replayable ? 'replay' : 'run';
}

const received = (callId: string, arrival: CallArrival, now: Date, leaseMs: number): IncomingCallEvent => ({
  type: 'IncomingCallReceived',
  data: { callId, ...arrival, receivedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + leaseMs).toISOString() },
});

const finished = (
  callId: string,
  hook: { incomingWebhookId: string; ownerId: string },
  ending: CallEnding,
  now: Date,
): IncomingCallEvent => ({
  type: 'IncomingCallFinished',
  data: { callId, incomingWebhookId: hook.incomingWebhookId, ownerId: hook.ownerId, ...ending, finishedAt: now.toISOString() },
});

/**
 * The calls sharing one sender message id (or a single call without one). Receiving appends with the
 * stream's expected revision, so of concurrent repeats exactly one runs; the others find its lease.
 */
export const incomingCallDecider: Decider<IncomingCallCommand, IncomingCallEvent, IncomingCallState> = {
  initialState,
  evolve,
  decide(command, state, { now, newId }) {
    switch (command.type) {
      case 'ReceiveCall': {
        if (repeatVerdict(state, now, command.timing) !== 'run') return [];
        const callId = state.attempts.length === 0 ? command.callId : newId();
        return [received(callId, command.arrival, now, command.timing.leaseMs)];
      }
      case 'FinishCall': {
        const attempt = state.attempts.find(({ callId }) => callId === command.callId);
        if (!attempt) throw conflict(`call ${command.callId} was never received`);
        if (attempt.answer !== null) return [];
        const hook = { incomingWebhookId: state.incomingWebhookId!, ownerId: state.ownerId! };
        return [finished(command.callId, hook, command.ending, now)];
      }
      case 'RefuseCall':
        if (state.attempts.length > 0) return [];
        return [received(command.callId, command.arrival, now, 0), finished(command.callId, command.arrival, command.ending, now)];
    }
  },
};
