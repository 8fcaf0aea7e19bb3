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

  it('shares one look-up among callers asking while it runs, and remembers nothing a forget() overtook', async () => {
    const answers = new FreshAnswers<string, string>(10, 1000, () => now);
    let release: (value: string) => void = () => undefined;
    const slow = () => {
      asked++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const together = [answers.get('k', slow), answers.get('k', slow), answers.get('k', slow)];
    expect(asked).toBe(1);
    release('shared');
    expect(await Promise.all(together)).toEqual(['shared', 'shared', 'shared']);
    expect(await answers.get('k', answer('later'))).toBe('shared');

    now = 1000;
    const stale = answers.get('k', slow);
    answers.forget('k');
    const fresh = answers.get('k', answer('after the change'));
    release('before the change');
    expect(await stale).toBe('before the change');
    expect(await fresh).toBe('after the change');
    expect(await answers.get('k', answer('again'))).toBe('after the change');
    expect(asked).toBe(3);
  });

  it('lets a failed look-up be tried again', async () => {
    const answers = new FreshAnswers<string, string>(10, 1000, () => now);
    await expect(answers.get('k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await answers.get('k', answer('back'))).toBe('back');
  });
});
