import { formatTime } from '../../../format';
import { Badge } from './Badge';
import { HeadersTable } from './HeadersTable';
import { ResponseView } from './ResponseView';
import type { Attempt } from './types';

/**
 * One attempt of a delivery: when, the request and the response. The API keeps each response whole (its first
 * 20 kB) but not the request: it signs every attempt anew, so the request shows what every attempt carries.
 */
export function AttemptView({
  attempt,
  url,
  event,
  messageId,
}: {
  attempt: Attempt;
  url: string | null;
  event: string;
  messageId: string;
}) {
  const succeeded = attempt.error_class === null;
  return (
    <article class="card webhooks-attempt" aria-labelledby={`attempt-${attempt.attempt}`}>
      <h3 id={`attempt-${attempt.attempt}`}>
        Attempt {attempt.attempt} <Badge tone={succeeded ? 'success' : 'danger'}>{succeeded ? 'succeeded' : 'failed'}</Badge>
      </h3>
      <p class="muted">Started {formatTime(attempt.started_at)}</p>
      <div class="webhooks-exchange">
        <section aria-label={`Attempt ${attempt.attempt} request`}>
          <h4>Request</h4>
          <p class="mono">POST {url ?? '(the webhook’s URL)'}</p>
          <HeadersTable caption="Request headers" headers={{ 'content-type': 'application/json', 'webhook-id': messageId }} />
          <p class="muted">
            Also sent, signed anew for each attempt and not kept by Filora: <code>webhook-timestamp</code>, <code>webhook-signature</code> (
            <code>v1,…</code> for each secret that signs now), <code>x-filora-signature</code> and the JSON body of the <code>{event}</code>{' '}
            event, whose <code>id</code> is the webhook-id.
          </p>
        </section>
        <section aria-label={`Attempt ${attempt.attempt} response`}>
          <h4>Response</h4>
          <ResponseView result={{ ...attempt, headers: attempt.response_headers, body: attempt.response_body }} />
        </section>
      </div>
    </article>
  );
}
