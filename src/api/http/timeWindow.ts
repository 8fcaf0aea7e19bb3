import { z } from 'zod';

/** A point in time in a query or body: ISO 8601 with its offset. */
export const instant = z.iso.datetime({ offset: true });

/** A `since`/`until` window whose end is not before its start. */
export const untilNotBeforeSince = (input: { since?: string; until?: string }, context: z.RefinementCtx) => {
  if (input.since !== undefined && input.until !== undefined && Date.parse(input.until) < Date.parse(input.since))
    context.addIssue({ code: 'custom', path: ['until'], message: 'until is before since' });
};
