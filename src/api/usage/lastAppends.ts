import type { UsageRecord } from '../../domain/usage/usageEvents';
import type { Position } from '../../ports/eventStore';
import type { SubjectKind, UsageSubject } from './usageSubject';
import { forEachSubjectOf } from './usageSubject';

/**
 * Per usage subject, the position of the last append that carried one of its records: what a read of that
 * subject waits for. Keyed by kind, then by the plain id. Bounded: past `maxRemembered` subjects of a kind
 * the least recently appended are forgotten, and a forgotten subject answers the newest position forgotten,
 * which is at or after its own (a recorder's appends follow each other, so their positions grow).
 */
export class LastAppends {
  /** Least recently appended first. */
  private readonly positions: Record<SubjectKind, Map<string, Position>> = { user: new Map(), tokensOf: new Map(), token: new Map() };
  private forgottenUpTo: Position | null = null;

  constructor(private readonly maxRemembered: number) {}

  /** Records the store acknowledged, in an append that ended at `position`. */
  appended(records: readonly UsageRecord[], position: Position): void {
    for (const record of records)
      forEachSubjectOf(record, (kind, id) => {
        this.positions[kind].delete(id);
        this.positions[kind].set(id, position);
      });
    for (const positions of Object.values(this.positions)) this.forgetBeyondBound(positions);
  }

  /** Position of the last append that carried a record of the subject; null if none did. */
  of(subject: UsageSubject): Position | null {
    return this.positions[subject.kind].get(subject.id) ?? this.forgottenUpTo;
  }

  private forgetBeyondBound(positions: Map<string, Position>): void {
    for (const [id, position] of positions) {
      if (positions.size <= this.maxRemembered) return;
      positions.delete(id);
      if (this.forgottenUpTo === null || position > this.forgottenUpTo) this.forgottenUpTo = position;
    }
  }
}
