import { z } from 'zod';

/** The one error body of the API: `{"error":{"code","message","details"},"request_id"}`. */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
    request_id: z.string(),
  })
  .meta({ id: 'Error' });
