import { Badge } from '../../../components/Badge';
import { formatTime } from '../../../format';
import { RequestView } from './RequestView';
import { ResponseView } from './ResponseView';
import type { Attempt } from './types';

/** One attempt of a delivery: when, what it sent and how the endpoint answered, side by side. */
export function AttemptView({ attempt, requestBody }: { attempt: Attempt; requestBody: string }) {
  const succeeded = attempt.error_class === null;
  const name = `Attempt ${attempt.attempt}`;
  return (
    <article class="card webhooks-attempt" aria-labelledby={`attempt-${attempt.attempt}`}>
      <h3 id={`attempt-${attempt.attempt}`}>
        {name} <Badge tone={succeeded ? 'success' : 'danger'}>{succeeded ? 'succeeded' : 'failed'}</Badge>
      </h3>
      <p class="muted">Started {formatTime(attempt.started_at)}</p>
      <div class="webhooks-exchange">
        <section aria-label={`${name} request`}>
          <h4>Request</h4>
          <RequestView context={name} url={attempt.url} headers={attempt.request_headers} body={requestBody} />
        </section>
        <section aria-label={`${name} response`}>
          <h4>Response</h4>
          <ResponseView context={name} result={{ ...attempt, headers: attempt.response_headers, body: attempt.response_body }} />
        </section>
      </div>
    </article>
  );
}
