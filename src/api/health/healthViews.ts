import { z } from 'zod';

export const healthResponse = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

const storeState = z.object({ status: z.enum(['up', 'down']), error: z.string().optional() });

export const readinessResponse = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    /** By store name: event_store, read_store, blob_store. */
    stores: z.record(z.string(), storeState),
    /** null when the projections did not answer in time. */
    projections: z
      .array(
        z.object({
          name: z.string(),
          version: z.int().min(0),
          state: z.enum(['running', 'failed', 'stopped', 'idle', 'unknown']),
          position: z.string().nullable(),
          lag: z.int().min(0),
          lag_is_lower_bound: z.boolean(),
          failure: z
            .object({ message: z.string(), eventId: z.string(), eventType: z.string(), position: z.string() })
            .nullable()
            .meta({ description: 'Why the projection stopped, when it failed' }),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'Readiness' });
