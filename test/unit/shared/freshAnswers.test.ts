import { FreshAnswers } from '../../../src/shared/freshAnswers';

describe('FreshAnswers', () => {
  let now = 0;
  let asked = 0;
  const answer = (value: string) => () => {
    asked++;
    return Promise.resolve(value);
  };
  beforeEach(() => {
    now = 0;
    asked = 0;
  });

  it('reuses an answer for less than ttlMs, then asks again', async () => {
    const answers = new FreshAnswers<string, string>(10, 1000, () => now);
    expect(await answers.get('k', answer('first'))).toBe('first');
    now = 999;
    expect(await answers.get('k', answer('second'))).toBe('first');
    now = 1000;
    expect(await answers.get('k', answer('second'))).toBe('second');
    expect(asked).toBe(2);
  });

  it('asks again after forget, and forgets the least recently used past its capacity', async () => {
    const answers = new FreshAnswers<string, string>(2, 1000, () => now);
    await answers.get('a', answer('a1'));
    answers.forget('a');
    expect(await answers.get('a', answer('a2'))).toBe('a2');
    await answers.get('b', answer('b1'));
    await answers.get('c', answer('c1'));
    expect(await answers.get('a', answer('a3'))).toBe('a3');
    expect(asked).toBe(5);
  });
});
