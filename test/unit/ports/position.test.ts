import { formatEsdbPosition } from '../../../src/adapters/eventStore/esdbMapping';
import { sequencePosition } from '../../../src/adapters/eventStore/sequencePosition';
import { isPosition } from '../../../src/ports/eventStore';

describe('isPosition', () => {
  it('takes what every adapter emits', () => {
    for (const position of [
      sequencePosition(1),
      sequencePosition(Number.MAX_SAFE_INTEGER),
      formatEsdbPosition({ commit: 0n, prepare: 0n }),
      formatEsdbPosition({ commit: 18446744073709551615n, prepare: 1234n }),
    ])
      expect({ position, valid: isPosition(position) }).toEqual({ position, valid: true });
  });

  it('refuses anything else', () => {
    for (const position of [
      '',
      'abc',
      '1',
      '0'.repeat(19),
      '0'.repeat(21),
      `${'0'.repeat(20)}/`,
      `${'0'.repeat(20)}/1`,
      ` ${'0'.repeat(20)}`,
    ])
      expect({ position, valid: isPosition(position) }).toEqual({ position, valid: false });
  });
});
