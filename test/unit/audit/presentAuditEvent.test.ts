import { presentAuditEvent, REDACTED } from '../../../src/audit/presentAuditEvent';

describe('presentAuditEvent', () => {
  const event = {
    streamId: 'token-1',
    revision: 3n,
    position: '00000000000000000042',
    id: 'e1',
    type: 'TokenCreated',
    data: {
      tokenHash: 'h',
      name: 'ci',
      nested: [{ secret: 's', keep: 1 }, null, 'x'],
      deeper: { a: { encryptedSecret: 'e', passwordHash: null } },
    },
    metadata: { actor: 'u1', prevHash: 'p', hash: 'h2', ip: '::1' },
    createdAt: new Date('2026-05-01T00:00:00.000Z'),
  };

  it('answers the event with its public name and metadata, secrets redacted at any depth', () => {
    expect(presentAuditEvent(event)).toEqual({
      id: 'e1',
      stream: 'token-1',
      revision: 3,
      position: '00000000000000000042',
      type: 'TokenCreated',
      event: 'token.created',
      time: '2026-05-01T00:00:00.000Z',
      actor: 'u1',
      token_id: null,
      request_id: null,
      correlation_id: null,
      causation_id: null,
      ip: '::1',
      incoming_webhook_id: null,
      oauth_client_id: null,
      prev_hash: 'p',
      hash: 'h2',
      data: {
        tokenHash: REDACTED,
        name: 'ci',
        nested: [{ secret: REDACTED, keep: 1 }, null, 'x'],
        deeper: { a: { encryptedSecret: REDACTED, passwordHash: REDACTED } },
      },
    });
    expect(event.data.tokenHash).toBe('h');
  });
});
