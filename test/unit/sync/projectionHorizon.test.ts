import type { Position } from '../../../src/ports/eventStore';
import type { ProjectionProgress } from '../../../src/projections/projectionProgress';
import { ProjectionHorizon } from '../../../src/sync/projectionHorizon';

/** Projection progress whose checkpoints the test sets; `inProcess` gives it the manager's onProgress. */
function fakeProgress(inProcess: boolean) {
  const checkpoints = new Map<string, Position | null>();
  const listeners = new Set<() => void>();
  const progress: ProjectionProgress = {
    statuses: async () => [],
    waitFor: async () => true,
    checkpointOf: async (name) => checkpoints.get(name) ?? null,
    ...(inProcess
      ? {
          onProgress(listener: () => void) {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        }
      : {}),
  };
  return {
    progress,
    listeners,
    apply(name: string, position: Position) {
      checkpoints.set(name, position);
      for (const listener of [...listeners]) listener();
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const position = (n: number) => String(n).padStart(20, '0');

describe('ProjectionHorizon', () => {
  it("is the named projection's checkpoint", async () => {
    const fake = fakeProgress(true);
    const horizon = new ProjectionHorizon(fake.progress, 'access');
    expect(await horizon.current()).toBeNull();
    fake.apply('access', position(7));
    fake.apply('files', position(9));
    expect(await horizon.current()).toBe(position(7));
  });

  it('calls its listeners on in-process progress, and stops listening to the projections once none is left', async () => {
    const fake = fakeProgress(true);
    const horizon = new ProjectionHorizon(fake.progress, 'access');
    let calls = 0;
    const stop = horizon.onAdvance(() => calls++);
    const stopOther = horizon.onAdvance(() => undefined);
    expect(fake.listeners.size).toBe(1);
    fake.apply('access', position(1));
    expect(calls).toBe(1);
    stop();
    fake.apply('access', position(2));
    expect(calls).toBe(1);
    stopOther();
    expect(fake.listeners.size).toBe(0);
  });

  it('polls the checkpoint where the projections run elsewhere, and calls listeners when it moves', async () => {
    const fake = fakeProgress(false);
    const horizon = new ProjectionHorizon(fake.progress, 'access', 1);
    let calls = 0;
    let read = 0;
    const counted = fake.progress.checkpointOf;
    fake.progress.checkpointOf = async (name) => {
      read++;
      return counted(name);
    };
    const stop = horizon.onAdvance(() => calls++);
    await until(() => read >= 3, 'the checkpoint is polled');
    expect(calls).toBe(0);
    fake.apply('access', position(4));
    await until(() => calls === 1, 'a listener is called once the checkpoint moves');
    stop();
    const readWhenStopped = read;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeLessThanOrEqual(readWhenStopped + 1);
  });
});
