import { RecentlyUsed } from './recentlyUsed';

interface Answer<V> {
  value: V;
  answeredAt: number;
}

/**
 * Answers reused for at most `ttlMs` each, and at most `capacity` of them (the least recently used are
 * forgotten first): what a change elsewhere takes to be seen here is bounded by `ttlMs`. Callers asking
 * for the same key while its answer is being looked up share that one look-up, so an entry that expires
 * under load costs one look-up, not one per request.
 */
export class FreshAnswers<K, V> {
  private readonly answers: RecentlyUsed<K, Answer<V>>;
  private readonly inFlight = new Map<K, Promise<V>>();

  constructor(
    capacity: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new RecentlyUsed(capacity);
  }

  /** The answer for `key`, from memory while it is fresh, else from `answer()` (and remembered). */
  get(key: K, answer: () => Promise<V>): Promise<V> {
    const known = this.answers.get(key);
    if (known && this.now() - known.answeredAt < this.ttlMs) return Promise.resolve(known.value);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const lookUp: Promise<V> = answer()
      .then((value) => {
        // A look-up overtaken by forget() may hold what the change made stale: answered, never remembered.
        if (this.inFlight.get(key) === lookUp) this.answers.set(key, { value, answeredAt: this.now() });
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key) === lookUp) this.inFlight.delete(key);
      });
    this.inFlight.set(key, lookUp);
    return lookUp;
  }

  forget(key: K): void {
    this.answers.delete(key);
    this.inFlight.delete(key);
  }
}
