import { ApiError } from '../../http/apiError';

/** The longest message id kept: Standard Webhooks' ids are short (`msg_…`), and the id is part of the call log. */
export const MAX_MESSAGE_ID_CHARS = 256;

const MESSAGE_ID_HEADERS = ['webhook-id', 'idempotency-key'] as const;

export type SenderMessageId = { ok: true; messageId: string | null } | { ok: false; error: ApiError };

/**
 * The id a sender gives a message, so that a repeat of it runs once: Standard Webhooks' `webhook-id`, else
 * an `Idempotency-Key`; null without either (every such call runs).
 */
export function senderMessageId(header: (name: string) => string | undefined): SenderMessageId {
  for (const name of MESSAGE_ID_HEADERS) {
    const value = header(name)?.trim();
    if (!value) continue;
    if (value.length > MAX_MESSAGE_ID_CHARS)
      return {
        ok: false,
        error: new ApiError('validation_error', `the ${name} header is too long`, [
          { path: `headers.${name}`, message: `at most ${MAX_MESSAGE_ID_CHARS} characters` },
        ]),
      };
    return { ok: true, messageId: value };
  }
  return { ok: true, messageId: null };
}
