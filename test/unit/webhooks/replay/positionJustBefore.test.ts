import { positionJustBefore } from '../../../../src/webhooks/replay/positionJustBefore';

const seq = (n: bigint | number) => String(n).padStart(20, '0');

describe('positionJustBefore', () => {
  it('is the sequence number before, so reading after it starts with the given position', () => {
    expect(positionJustBefore(seq(42))).toBe(seq(41));
    expect(positionJustBefore(seq(1))).toBe(seq(0));
  });

  it('is null before the very first position', () => {
    expect(positionJustBefore(seq(0))).toBeNull();
    expect(positionJustBefore(`${seq(0)}/${seq(0)}`)).toBeNull();
  });

  it('lowers the prepare part of an EventStoreDB position, or the commit part with the largest prepare', () => {
    expect(positionJustBefore(`${seq(900)}/${seq(880)}`)).toBe(`${seq(900)}/${seq(879)}`);
    expect(positionJustBefore(`${seq(900)}/${seq(0)}`)).toBe(`${seq(899)}/${'9'.repeat(20)}`);
    const before = positionJustBefore(`${seq(900)}/${seq(880)}`)!;
    expect(before < `${seq(900)}/${seq(880)}` && before > `${seq(900)}/${seq(878)}`).toBe(true);
  });
});
