import { mostInAnyWindow } from '../../../bench/lib/slidingWindowCounts';

describe('mostInAnyWindow', () => {
  it('finds the window holding the most, wherever it starts', () => {
    // Three at the end of one minute and three at the start of the next: six within one minute of each other.
    expect(mostInAnyWindow([59_000, 59_500, 59_900, 60_100, 60_500, 61_000], 60_000)).toBe(6);
    expect(mostInAnyWindow([0, 30_000, 90_000, 100_000, 119_999], 60_000)).toBe(3);
  });

  it('leaves out a time exactly one window after the start', () => {
    expect(mostInAnyWindow([0, 60_000], 60_000)).toBe(1);
  });

  it('takes the times in any order, and none at all', () => {
    expect(mostInAnyWindow([120_000, 0, 61_000, 1_000], 60_000)).toBe(2);
    expect(mostInAnyWindow([], 60_000)).toBe(0);
  });
});
