import type { Settled } from '../../../src/adapters/eventStore/groupCommit';
import { GroupCommit } from '../../../src/adapters/eventStore/groupCommit';

/** A commit that records the groups it was given and settles each request by a rule. */
function recordingCommit(settle: (request: number) => Settled<string> = (request) => ({ ok: true, outcome: `done ${request}` })) {
  const groups: number[][] = [];
  let release: (() => void) | null = null;
  const commit = async (group: readonly number[]) => {
    groups.push([...group]);
    if (release === null) await new Promise<void>((resolve) => (release = resolve));
    return group.map(settle);
  };
  return { groups, commit, releaseAll: () => release?.() };
}

describe('group commit', () => {
  it('serves requests made in the same turn with one commit', async () => {
    const groups: number[][] = [];
    const queue = new GroupCommit<number, number>(async (group) => {
      groups.push([...group]);
      return group.map((request) => ({ ok: true, outcome: request * 2 }));
    });
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((request) => queue.submit(request)));
    expect(outcomes).toEqual([2, 4, 6, 8, 10]);
    expect(groups).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('puts requests that arrive while a commit is under way into the next commit', async () => {
    const recording = recordingCommit();
    const queue = new GroupCommit<number, string>(recording.commit);
    const first = queue.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(recording.groups).toEqual([[1]]);
    const later = [queue.submit(2), queue.submit(3)];
    recording.releaseAll();
    expect(await Promise.all([first, ...later])).toEqual(['done 1', 'done 2', 'done 3']);
    expect(recording.groups).toEqual([[1], [2, 3]]);
  });

  it('fails a request alone when its own outcome is a failure', async () => {
    const queue = new GroupCommit<number, number>(async (group) =>
      group.map((request) => (request === 2 ? { ok: false, error: new Error('conflict on 2') } : { ok: true, outcome: request })),
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((request) => queue.submit(request)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails every request of a group whose commit fails, and serves the next group afresh', async () => {
    let fail = true;
    const queue = new GroupCommit<number, number>(async (group) => {
      if (fail) throw new Error('disk full');
      return group.map((request) => ({ ok: true, outcome: request }));
    });
    const failed = await Promise.allSettled([queue.submit(1), queue.submit(2)]);
    expect(failed.every((outcome) => outcome.status === 'rejected')).toBe(true);
    fail = false;
    expect(await queue.submit(3)).toBe(3);
  });

  it('bounds a group', async () => {
    const groups: number[] = [];
    const queue = new GroupCommit<number, number>(async (group) => {
      groups.push(group.length);
      return group.map((request) => ({ ok: true, outcome: request }));
    }, 3);
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((request) => queue.submit(request)));
    expect(groups).toEqual([3, 3, 1]);
  });
});
