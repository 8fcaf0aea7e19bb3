import { BodyBlock } from './BodyBlock';
import { HeadersTable } from './HeadersTable';
import { attemptOutcome, formatDuration } from './present';
import type { AttemptErrorClass } from './types';

export interface AttemptResult {
  status: number | null;
  error_class: AttemptErrorClass | null;
  error_message: string | null;
  duration_ms: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** How the endpoint answered one attempt: status or failure, duration, headers and body; `context` names it in their labels ("Test"). */
export function ResponseView({ context, result }: { context: string; result: AttemptResult }) {
  return (
    <div class="webhooks-response">
      <dl class="webhooks-facts">
        <div>
          <dt>Response status</dt>
          <dd>{attemptOutcome(result)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(result.duration_ms)}</dd>
        </div>
        {result.error_message !== null && (
          <div>
            <dt>Error</dt>
            <dd>{result.error_message}</dd>
          </div>
        )}
      </dl>
      <HeadersTable title="Response headers" label={`${context} response headers`} headers={result.headers} />
      <BodyBlock title="Response body" label={`${context} response body`} body={result.body} />
    </div>
  );
}
