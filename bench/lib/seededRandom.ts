/** A small seeded generator (mulberry32), so that every run writes the same mix of events. */
export class SeededRandom {
  constructor(private state: number) {}

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, below). */
  below(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.below(items.length)]!;
  }

  /** A v4-shaped uuid from this generator (the domain schemas check the uuid shape). */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => (this.below(0x100000000) >>> 0).toString(16).padStart(8, '0')).join('');
    const variant = ((this.below(4) + 8) >>> 0).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** 64 hex digits, shaped like a sha256. */
  sha256(): string {
    return Array.from({ length: 8 }, () => (this.below(0x100000000) >>> 0).toString(16).padStart(8, '0')).join('');
  }
}
