import type { LogFields, Logger } from '../../../src/ports/logger';
import { PeriodicJob } from '../../../src/shared/periodicJob';

interface Logged {
  message: string;
  fields?: LogFields;
}

function recordingLogger(errors: Logged[]): Logger {
  const ignore = () => undefined;
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (message, fields) => void errors.push({ message, fields }),
    child: () => logger,
  };
  return logger;
}

/** A task whose runs each wait until the test finishes them. */
function controlledTask() {
  const finishers: Array<(outcome: Error | null) => void> = [];
  const task = () => new Promise<void>((resolve, reject) => finishers.push((outcome) => (outcome === null ? resolve() : reject(outcome))));
  return { task, finishers };
}

const INTERVAL_MS = 1_000;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('periodic job', () => {
  it('runs at start when asked, then every interval', async () => {
    let runs = 0;
    const job = new PeriodicJob(async () => void runs++, recordingLogger([]), 'failed');
    job.start(INTERVAL_MS, { runNow: true });
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 2);
    expect(runs).toBe(3);
    await job.stop();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 2);
    expect(runs).toBe(3);
  });

  it('waits one interval for its first run unless asked, and a second start changes nothing', async () => {
    let runs = 0;
    const job = new PeriodicJob(async () => void runs++, recordingLogger([]), 'failed');
    job.start(INTERVAL_MS, { runNow: false });
    job.start(INTERVAL_MS, { runNow: true });
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(runs).toBe(1);
    await job.stop();
  });

  it('never overlaps a run still going; run() joins it', async () => {
    const { task, finishers } = controlledTask();
    const job = new PeriodicJob(task, recordingLogger([]), 'failed');
    job.start(INTERVAL_MS, { runNow: true });
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 3);
    const joined = job.run();
    expect(finishers).toHaveLength(1);
    finishers[0]!(null);
    await joined;
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(finishers).toHaveLength(2);
    finishers[1]!(null);
    await job.stop();
  });

  it('stop() resolves only once the run in progress has ended', async () => {
    const { task, finishers } = controlledTask();
    const job = new PeriodicJob(task, recordingLogger([]), 'failed');
    job.start(INTERVAL_MS, { runNow: true });
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finishers[0]!(null);
    await stopping;
    expect(stopped).toBe(true);
  });

  it('logs a failed run with its error, and runs again at the next interval', async () => {
    const errors: Logged[] = [];
    const { task, finishers } = controlledTask();
    const job = new PeriodicJob(task, recordingLogger(errors), 'sweep failed');
    job.start(INTERVAL_MS, { runNow: true });
    const failure = new Error('store down');
    finishers[0]!(failure);
    await expect(job.run()).resolves.toBeUndefined();
    expect(errors).toEqual([{ message: 'sweep failed', fields: { error: failure } }]);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(finishers).toHaveLength(2);
    for (const finish of finishers.slice(1)) finish(null);
    await job.stop();
  });
});
