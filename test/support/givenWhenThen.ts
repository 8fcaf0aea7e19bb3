import type { DecideContext, Decider, DomainEvent } from '../../src/domain/shared/decider';
import { fold } from '../../src/domain/shared/decider';

export const FIXED_NOW = new Date('2026-01-02T03:04:05.000Z');

/** Domain tests as given / when / then: `given(decider, [events]).when(command).then([events])`. */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: E[], context: Partial<DecideContext> = {}) {
  const state = fold(decider, history);
  let counter = 0;
  const fullContext: DecideContext = {
    now: FIXED_NOW,
    newId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    ...context,
  };
  return {
    when(command: C) {
      const decide = () => decider.decide(command, state, fullContext);
      return {
        then(expected: E[]) {
          expect(decide()).toEqual(expected);
        },
        thenFails(kind: string, message?: RegExp) {
          expect(decide).toThrow(expect.objectContaining({ kind, ...(message ? { message: expect.stringMatching(message) } : {}) }));
        },
      };
    },
  };
}
