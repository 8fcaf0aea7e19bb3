import type { z } from 'zod';
import { blobEvent } from '../../../src/domain/blob/blobEvents';
import { claimEvent } from '../../../src/domain/claim/claimEvents';
import { fileEvent } from '../../../src/domain/file/fileEvents';
import { folderEvent } from '../../../src/domain/folder/folderEvents';
import { INTERNAL_CATEGORIES, redactSecrets, SECRET_FIELDS } from '../../../src/domain/publicEvents';
import { sessionEvent } from '../../../src/domain/session/sessionEvents';
import { tokenEvent } from '../../../src/domain/token/tokenEvents';
import { userEvent } from '../../../src/domain/user/userEvents';

type EventUnion = { options: ReadonlyArray<z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodObject }>> };
const unions: EventUnion[] = [userEvent, sessionEvent, fileEvent, folderEvent, claimEvent, blobEvent, tokenEvent];
const fields = unions.flatMap((union) =>
  union.options.flatMap((option) => Object.keys(option.shape.data.shape).map((field) => [option.shape.type.value, field] as const)),
);

describe('secrets in events', () => {
  it('lists every field that looks like a secret or its hash among the fields never published', () => {
    // Ids (`tokenId`) name a token; they are not one.
    const secretLooking = fields.filter(
      ([, field]) => /hash|secret|password|token/i.test(field) && field !== 'sha256' && !field.endsWith('Id'),
    );
    expect(secretLooking.length).toBeGreaterThan(0);
    for (const [type, field] of secretLooking)
      expect({ type, field, redacted: SECRET_FIELDS.has(field) }).toEqual({ type, field, redacted: true });
  });

  it('drops them from event data', () => {
    expect(redactSecrets({ userId: 'u', passwordHash: 'scrypt$x' })).toEqual({ userId: 'u' });
    expect(redactSecrets({ sessionId: 's', previousHash: 'a', refreshTokenHash: 'b' })).toEqual({ sessionId: 's' });
    expect(redactSecrets({ tokenId: 't', prefix: 'fl_abcdefgh', secretHash: 'c' })).toEqual({ tokenId: 't', prefix: 'fl_abcdefgh' });
  });

  it('keeps refresh-token families internal', () => {
    expect(INTERNAL_CATEGORIES.has('session')).toBe(true);
  });
});
