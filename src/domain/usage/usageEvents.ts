import { z } from 'zod';

/** One HTTP request made with a token or a login session, as the usage log keeps it. */
export const usageRecord = z.object({
  requestId: z.string(),
  at: z.iso.datetime(),
  method: z.string(),
  /** The route template (`/files/:id`), or the path when no route matched. */
  route: z.string(),
  /** False when no route matched (a 404, a 429 before routing): `route` is then the path. Absent means matched. */
  routeMatched: z.boolean().optional(),
  /** The path without its query string: a `?api_key=` never reaches the log. */
  path: z.string(),
  status: z.int(),
  durationMs: z.number().min(0),
  bytesIn: z.int().min(0),
  bytesOut: z.int().min(0),
  /** False when the connection closed before the response was complete (an abandoned download). Absent means complete. */
  completed: z.boolean().optional(),
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

/** Fields of a record that identify a person (the address and browser): kept in the event store, left out of what is published. */
const PERSONAL_FIELDS = new Set(['ip', 'userAgent']);

/** A UsageRecorded event's data as analytics consumers get it: each record without its personal fields. */
export function withoutPersonalData(data: Record<string, unknown>): Record<string, unknown> {
  const records = Array.isArray(data.records) ? (data.records as unknown[]) : [];
  return {
    ...data,
    records: records.map((record) =>
      typeof record === 'object' && record !== null
        ? Object.fromEntries(Object.entries(record).filter(([field]) => !PERSONAL_FIELDS.has(field)))
        : record,
    ),
  };
}
