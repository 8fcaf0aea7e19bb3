import { z } from 'zod';
import { CHAIN_BREAK_KINDS } from '../../domain/audit/chainBreak';
import { cursorParam, limitParam } from '../http/pagination';
import { instant, untilNotBeforeSince } from '../http/timeWindow';

const MAX_TYPES = 50;

/** A stream's full name, as the audit answers name it (`file-<uuid>`, `user-<uuid>`, `usage-<…>`). */
export const streamName = z
  .string()
  .max(200)
  .regex(/^[a-z]+-[A-Za-z0-9_.:-]+$/, 'must be a stream name like file-<id>')
  .meta({ description: 'A stream by its full name (`file-<id>`), as `stream` in an audit event.' });

/** `type=a&type=b` or `type=a,b`: stored types (`FileRenamed`) or public names (`file.updated`). */
const eventTypes = z
  .union([z.string(), z.array(z.string())])
  .transform((given) =>
    (Array.isArray(given) ? given : [given])
      .flatMap((each) => each.split(','))
      .map((each) => each.trim())
      .filter((each) => each !== ''),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .max(100)
          .regex(/^[A-Za-z][A-Za-z0-9._]*$/, 'must be an event type (FileRenamed) or a public name (file.updated)'),
      )
      .min(1, 'name at least one type')
      .max(MAX_TYPES),
  )
  .meta({ description: 'Stored types (`FileRenamed`) or public names (`file.updated`); repeat it or separate them with commas.' });

const auditFilterFields = {
  stream: streamName.optional(),
  category: z
    .string()
    .max(50)
    .regex(/^[a-z]+$/, 'must be a stream category like file')
    .optional()
    .meta({ description: 'The category of the stream (`file`, `folder`, `user`, `download`, …).' }),
  type: eventTypes.optional(),
  actor: z.uuid().optional().meta({ description: 'The user who acted (metadata actor).' }),
  since: instant.optional().meta({ description: 'Events at or after this instant (ISO 8601 with a zone).' }),
  until: instant.optional().meta({ description: 'Events before this instant (ISO 8601 with a zone).' }),
};

/** GET /audit/export: the filters of the list, no paging. `after_position` is read as every read's (see auditFilterOf). */
export const auditExportQuery = z.strictObject(auditFilterFields).superRefine(untilNotBeforeSince);
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

export const auditEventsQuery = z
  .strictObject({ ...auditFilterFields, limit: limitParam(), cursor: cursorParam })
  .superRefine(untilNotBeforeSince);
export type AuditEventsQuery = z.infer<typeof auditEventsQuery>;

export const auditStreamParams = z.strictObject({ stream: streamName });

export const auditPageQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

export const auditVerifyQuery = z.strictObject({ stream: streamName });

const hashText = z.string().nullable();

export const auditEventResponse = z
  .object({
    id: z.string(),
    stream: z.string(),
    revision: z.int().min(0),
    position: z.string(),
    type: z.string().meta({ description: 'The stored event type.' }),
    event: z.string().nullable().meta({ description: 'The public name, or null for an event published under none.' }),
    time: z.string(),
    actor: z.string().nullable(),
    token_id: z.string().nullable(),
    request_id: z.string().nullable(),
    correlation_id: z.string().nullable(),
    causation_id: z.string().nullable(),
    ip: z.string().nullable(),
    incoming_webhook_id: z.string().nullable(),
    oauth_client_id: z
      .string()
      .nullable()
      .meta({ description: 'The OAuth app whose access token made the change, for the user in actor.' }),
    prev_hash: hashText.meta({
      description: "The hash of the stream's previous event (64 zeros for its first); null before chains existed.",
    }),
    hash: hashText,
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The event as stored (keys as stored); secrets and their hashes at any depth read "[redacted]".' }),
  })
  .meta({ id: 'AuditEvent' });

export const chainVerifyResponse = z
  .object({
    stream: z.string(),
    events: z.int().min(0),
    unchained_before_anchor: z
      .int()
      .min(0)
      .meta({ description: 'Events written before chains existed, anchored by the first chained one.' }),
    valid: z.boolean(),
    breaks: z.array(
      z.object({
        stream: z.string(),
        revision: z.int().min(0),
        position: z.string(),
        kind: z.enum(CHAIN_BREAK_KINDS),
        expected: z.string(),
        found: z.string(),
      }),
    ),
  })
  .meta({ id: 'ChainVerification' });
