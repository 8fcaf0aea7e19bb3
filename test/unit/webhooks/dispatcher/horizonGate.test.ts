import { waitUntilCovered } from '../../../../src/webhooks/dispatcher/horizonGate';
import { settableHorizon } from './fanOutKit';

const position = (n: number) => String(n).padStart(20, '0');

describe('waiting for read models to cover a position', () => {
  it('resolves at once when every horizon is at or past it', async () => {
    const [a, b] = [settableHorizon(position(5)), settableHorizon(position(9))];

    await expect(waitUntilCovered([a.horizon, b.horizon], position(5), new AbortController().signal)).resolves.toBeUndefined();
  });

  it('resolves once the last horizon reaches it, and stops listening', async () => {
    const [a, b] = [settableHorizon(null), settableHorizon(position(1))];
    let covered = false;
    const waiting = waitUntilCovered([a.horizon, b.horizon], position(3), new AbortController().signal).then(() => (covered = true));

    a.moveTo(position(3));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(covered).toBe(false);
    b.moveTo(position(4));

    await waiting;
    expect([a.listening(), b.listening()]).toEqual([0, 0]);
  });

  it('rejects when aborted while waiting', async () => {
    const a = settableHorizon(null);
    const stop = new AbortController();
    const waiting = waitUntilCovered([a.horizon], position(1), stop.signal);

    stop.abort();

    await expect(waiting).rejects.toThrow('stopped while waiting for the read models');
    expect(a.listening()).toBe(0);
  });
});
