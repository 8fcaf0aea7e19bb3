import type { AttemptErrorClass } from '../../../../src/domain/webhook/deliveryEvents';
import { CircuitBreaker } from '../../../../src/webhooks/dispatcher/circuitBreaker';
import type {
  AttemptReport,
  EndpointSettings,
  EndpointWorkerOptions,
  QueuedDelivery,
} from '../../../../src/webhooks/dispatcher/endpointWorkerTypes';
import { EndpointWorker } from '../../../../src/webhooks/dispatcher/endpointWorker';
import { ENDPOINT_WORKER_DEFAULTS } from '../../../../src/webhooks/dispatcher/endpointWorkerTypes';
import type { AttemptResult, DispatcherMetrics, RecordedOutcome } from '../../../../src/webhooks/webhookPorts';
import { silentLogger } from '../../../support/stores';

export const SETTINGS: EndpointSettings = { rateLimitPerMinute: 6_000, maxConcurrency: 1, ordering: 'none' };

export const noMetrics: DispatcherMetrics = { deliveryCreated: () => undefined, attempted: () => undefined, queueDepth: () => undefined };

/** A result as the sender reports it: a 200 unless told otherwise. */
export function attemptResult(overrides: Partial<AttemptResult> = {}): AttemptResult {
  return {
    status: 200,
    durationMs: 3,
    errorClass: null,
    errorMessage: null,
    responseHeaders: {},
    responseBody: 'ok',
    retryAfterMs: null,
    ...overrides,
  };
}

export function made(result: AttemptResult, outcome: RecordedOutcome, deliveryId = 'd'): AttemptReport {
  return {
    kind: 'made',
    made: {
      lease: {
        deliveryId,
        webhookId: 'w',
        attempt: 1,
        body: { id: 'msg', event: 'x', timestamp: new Date().toISOString(), data: {} },
        resourceStream: null,
      },
      result,
      outcome,
    },
  };
}

export const succeeded = (): AttemptReport => made(attemptResult(), { outcome: 'succeeded', nextAttemptAt: null });

/** A failure that the delivery retries `inMs` from now. */
export function failedRetrying(inMs: number, overrides: Partial<AttemptResult> & { errorClass?: AttemptErrorClass } = {}): AttemptReport {
  return made(attemptResult({ status: 500, errorClass: 'http_status', ...overrides }), {
    outcome: 'retrying',
    nextAttemptAt: new Date(Date.now() + inMs),
  });
}

export interface WorkerKit {
  worker: EndpointWorker;
  breaker: CircuitBreaker;
  /** Delivery ids in the order their attempts started. */
  started: string[];
  /** How many attempts are running now. */
  running: () => number;
  disabledFor: string[];
}

export interface WorkerKitOptions {
  settings?: Partial<EndpointSettings>;
  options?: Partial<EndpointWorkerOptions>;
  /** Decides each attempt; a success by default. */
  answer?: (deliveryId: string, attempt: number) => AttemptReport | Promise<AttemptReport>;
  /** Resource and position per delivery, for per_resource ordering. */
  described?: Record<string, Pick<QueuedDelivery, 'resource' | 'position'>>;
  earlierUnfinished?: (delivery: QueuedDelivery, finishedHere: readonly string[]) => Promise<boolean>;
}

export function workerKit({ settings, options, answer, described = {}, earlierUnfinished }: WorkerKitOptions = {}): WorkerKit {
  const started: string[] = [];
  const disabledFor: string[] = [];
  let running = 0;
  const breaker = new CircuitBreaker();
  const worker = new EndpointWorker({
    webhookId: 'w',
    attempt: async (deliveryId) => {
      started.push(deliveryId);
      running += 1;
      try {
        return await (answer ?? (() => succeeded()))(deliveryId, started.filter((id) => id === deliveryId).length);
      } finally {
        running -= 1;
      }
    },
    describe: async (deliveryId) => described[deliveryId] ?? null,
    earlierUnfinished: earlierUnfinished ?? (async () => false),
    disable: async (reason) => void disabledFor.push(reason),
    breaker,
    metrics: noMetrics,
    clock: () => new Date(),
    logger: silentLogger(),
    options: { ...ENDPOINT_WORKER_DEFAULTS, ...options },
  });
  worker.configure({ ...SETTINGS, ...settings });
  return { worker, breaker, started, running: () => running, disabledFor };
}

/** A promise the test settles. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
