import { z } from 'zod';
import { CALL_OUTCOMES } from '../../domain/incoming/incomingCallEvents';
import type { IncomingCallRow } from '../../incoming/incomingPorts';
import type { CallStats } from '../../projections/incoming/incomingCallQueries';

export const CALL_LOG_OUTCOMES = [...CALL_OUTCOMES, 'running'] as const;

const issue = z.object({ path: z.string(), message: z.string() });

export const callLogRowResponse = z
  .object({
    id: z.uuid(),
    received_at: z.string(),
    ip: z.string().nullable(),
    size_bytes: z.int().min(0),
    message_id: z.string().nullable().meta({ description: "The sender's `webhook-id` or `Idempotency-Key`; null without one." }),
    outcome: z.enum(CALL_LOG_OUTCOMES).meta({ description: '`running` until the call finished.' }),
    status: z.int().min(100).max(599).nullable().meta({ description: 'The HTTP status answered; null while it runs.' }),
    result_id: z.uuid().nullable().meta({ description: 'The file or folder the call created or changed.' }),
    errors: z.array(issue),
    payload_excerpt: z.string().meta({ description: 'The first 4 kB of the body, values at secret-looking keys masked as "***".' }),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'IncomingWebhookCall' });

export const callStatsResponse = z
  .object({
    total: z.int().min(0),
    succeeded: z.int().min(0),
    failed: z.int().min(0),
    success_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'succeeded / (succeeded + failed); null before any call finished.' }),
    last_call_at: z.string().nullable(),
  })
  .meta({ id: 'IncomingWebhookCallStats' });

export const presentCallRow = (row: IncomingCallRow): z.infer<typeof callLogRowResponse> => ({
  id: row._id,
  received_at: row.receivedAt,
  ip: row.ip,
  size_bytes: row.sizeBytes,
  message_id: row.messageId,
  outcome: row.outcome,
  status: row.status,
  result_id: row.resultId,
  errors: row.errors,
  payload_excerpt: row.payloadExcerpt,
  finished_at: row.finishedAt,
});

export const presentCallStats = (stats: CallStats): z.infer<typeof callStatsResponse> => ({
  total: stats.total,
  succeeded: stats.succeeded,
  failed: stats.failed,
  success_rate: stats.successRate,
  last_call_at: stats.lastCallAt,
});
