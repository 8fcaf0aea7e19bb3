import { AsyncMutex } from '../../src/shared/asyncMutex';

describe('AsyncMutex', () => {
  it('runs critical sections one at a time, in arrival order', async () => {
    const mutex = new AsyncMutex();
    const trace: string[] = [];
    const section = (name: string) =>
      mutex.run(async () => {
        trace.push(`${name}:in`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        trace.push(`${name}:out`);
      });
    await Promise.all([section('a'), section('b'), section('c')]);
    expect(trace).toEqual(['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out']);
  });

  it('releases the lock when a section throws', async () => {
    const mutex = new AsyncMutex();
    await expect(
      mutex.run(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(mutex.run(() => 42)).resolves.toBe(42);
  });
});
