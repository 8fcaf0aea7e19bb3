import { z } from 'zod';

/** One HTTP request made with a token or a login session, as the usage log keeps it. */
export const usageRecord = z.object({
  requestId: z.string(),
  at: z.iso.datetime(),
  method: z.string(),
  /** The route template (`/files/:id`), or the path when no route matched. */
  route: z.string(),
  /** The path without its query string: a `?api_key=` never reaches the log. */
  path: z.string(),
  status: z.int(),
  durationMs: z.number().min(0),
  bytesIn: z.int().min(0),
  bytesOut: z.int().min(0),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  userId: z.uuid(),
  tokenId: z.uuid().nullable(),
});
export type UsageRecord = z.infer<typeof usageRecord>;

/** A batch of usage records, appended by one API process to its own `usage-<process id>` stream. */
export const usageRecorded = z.object({
  type: z.literal('UsageRecorded'),
  data: z.object({ records: z.array(usageRecord).min(1) }),
});

export const usageEvent = z.discriminatedUnion('type', [usageRecorded]);
export type UsageEvent = z.infer<typeof usageEvent>;

export const USAGE_CATEGORY = 'usage';
