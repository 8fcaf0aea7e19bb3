import { toCloudEvent } from '../../../src/dispatch/cloudEvents';
import { RecordedEvents, uuid } from '../projections/recordedEvents';

describe('usage records on the analytics topic', () => {
  it('are published on filora.usage.v1 without the address and user agent of the caller', () => {
    const record = {
      requestId: 'r1',
      at: '2026-03-01T10:00:00.000Z',
      method: 'GET',
      route: '/files/:id',
      path: `/api/v1/files/${uuid(5)}`,
      status: 200,
      durationMs: 1.5,
      bytesIn: 10,
      bytesOut: 20,
      ip: '203.0.113.7',
      userAgent: 'curl/8.5',
      userId: uuid(1),
      tokenId: uuid(2),
    };
    const event = new RecordedEvents().record('UsageRecorded', { records: [record] }, `usage-${uuid(9)}`);
    const { topic, message } = toCloudEvent(event);
    expect(topic).toBe('filora.usage.v1');
    expect(message.key).toBe(`usage-${uuid(9)}`);
    const { ip: _ip, userAgent: _userAgent, ...published } = record;
    expect(JSON.parse(message.value.toString())).toEqual({ records: [published] });
    expect(message.value.toString()).not.toMatch(/203\.0\.113\.7|curl/);
  });
});
