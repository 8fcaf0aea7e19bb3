import { z } from 'zod';

/**
 * A date-time with its offset, answered in UTC, that must still be ahead when the request is checked
 * (an expiry): a past one is a 400 on the body's field, like any other invalid field.
 */
export const futureInstant = () =>
  z.iso
    .datetime({ offset: true })
    .transform((at) => new Date(at).toISOString())
    .refine((at) => Date.parse(at) > Date.now(), { message: 'must be in the future' });
