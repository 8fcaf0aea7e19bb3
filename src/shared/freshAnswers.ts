import { RecentlyUsed } from './recentlyUsed';

interface Answer<V> {
  value: V;
  answeredAt: number;
}

/**
 * Answers reused for at most `ttlMs` each, and at most `capacity` of them (the least recently used are
 * forgotten first): what a change elsewhere takes to be seen here is bounded by `ttlMs`.
 */
export class FreshAnswers<K, V> {
  private readonly answers: RecentlyUsed<K, Answer<V>>;

  constructor(
    capacity: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new RecentlyUsed(capacity);
  }

  /** The answer for `key`, from memory while it is fresh, else from `answer()` (and remembered). */
  async get(key: K, answer: () => Promise<V>): Promise<V> {
    const known = this.answers.get(key);
    if (known && this.now() - known.answeredAt < this.ttlMs) return known.value;
    const value = await answer();
    this.answers.set(key, { value, answeredAt: this.now() });
    return value;
  }

  forget(key: K): void {
    this.answers.delete(key);
  }
}
