import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MemoryEventStore } from '../../../../src/adapters/eventStore/memoryEventStore';
import { foldAsOf, isWithin } from '../../../../src/commands/history/foldAsOf';
import type { Aggregate } from '../../../../src/commands/pipeline';

/** A note: its text is what a view shows; its stars are not. */
const noteEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('NoteWritten'), data: z.object({ text: z.string() }) }),
  z.object({ type: z.literal('NoteStarred'), data: z.object({}) }),
]);
type NoteEvent = z.infer<typeof noteEvent>;
type NoteState = { text: string | null; stars: number };

const noteAggregate: Aggregate<never, NoteEvent, NoteState> = {
  category: 'note',
  eventSchema: noteEvent,
  decider: {
    initialState: { text: null, stars: 0 },
    evolve: (state, event) => (event.type === 'NoteWritten' ? { ...state, text: event.data.text } : { ...state, stars: state.stars + 1 }),
    decide: () => [],
  },
};
const shownOfNote = (state: NoteState) => state.text;

const NOTE = 'c0ffee00-0000-4000-8000-000000000001';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

/** Appends one event at a given minute; answers its position. */
async function appendAt(store: MemoryEventStore, minute: number, event: NoteEvent): Promise<string> {
  jest.setSystemTime(at(minute));
  const { position } = await store.append(`note-${NOTE}`, [{ id: randomUUID(), ...event, metadata: {} }], { expectedRevision: 'any' });
  return position;
}

describe('foldAsOf', () => {
  let store: MemoryEventStore;
  let positions: string[];
  beforeEach(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    store = new MemoryEventStore();
    await store.append('note-other', [{ id: randomUUID(), type: 'NoteStarred', data: {}, metadata: {} }], { expectedRevision: 'any' });
    positions = [
      await appendAt(store, 10, { type: 'NoteWritten', data: { text: 'first' } }),
      await appendAt(store, 20, { type: 'NoteStarred', data: {} }),
      await appendAt(store, 30, { type: 'NoteWritten', data: { text: 'second' } }),
    ];
  });
  afterEach(() => jest.useRealTimers());

  it('folds the events up to a position, the last folded one naming the state', async () => {
    const folded = await foldAsOf(store, noteAggregate, NOTE, { position: positions[1]! }, shownOfNote);
    expect(folded?.state).toEqual({ text: 'first', stars: 1 });
    expect(folded?.first.position).toBe(positions[0]);
    expect(folded?.last.position).toBe(positions[1]);
  });

  it('folds the events up to a time, inclusive', async () => {
    expect((await foldAsOf(store, noteAggregate, NOTE, { time: at(29) }, shownOfNote))?.state).toEqual({ text: 'first', stars: 1 });
    expect((await foldAsOf(store, noteAggregate, NOTE, { time: at(30) }, shownOfNote))?.state).toEqual({ text: 'second', stars: 1 });
  });

  it('moves changedAt only with what the view shows', async () => {
    expect((await foldAsOf(store, noteAggregate, NOTE, { position: positions[1]! }, shownOfNote))?.changedAt).toEqual(at(10));
    expect((await foldAsOf(store, noteAggregate, NOTE, { position: positions[2]! }, shownOfNote))?.changedAt).toEqual(at(30));
  });

  it('is null before the stream began, and for a stream that never did', async () => {
    expect(await foldAsOf(store, noteAggregate, NOTE, { time: at(9) }, shownOfNote)).toBeNull();
    expect(await foldAsOf(store, noteAggregate, 'c0ffee00-0000-4000-8000-000000000002', { time: at(99) }, shownOfNote)).toBeNull();
  });

  it('tells events within a bound from those past it', async () => {
    const [event] = await store.readStream(`note-${NOTE}`, { limit: 1 });
    expect(isWithin({ position: positions[0]! })(event!)).toBe(true);
    expect(isWithin({ time: at(10) })(event!)).toBe(true);
    expect(isWithin({ time: new Date(at(10).getTime() - 1) })(event!)).toBe(false);
  });
});
