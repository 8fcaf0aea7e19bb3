import { BodyBlock } from './BodyBlock';
import { HeadersTable } from './HeadersTable';

/**
 * What one attempt POSTed: the headers as sent (each attempt is signed anew, so its timestamp and signatures
 * differ) and the body, the same bytes on every attempt. Attempts made before Filora kept headers have none.
 * `context` names the attempt in the labels of its tables ("Attempt 2").
 */
export function RequestView({
  context,
  url,
  headers,
  body,
}: {
  context: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
}) {
  return (
    <div class="webhooks-request">
      <p class="mono webhooks-url">POST {url}</p>
      {Object.keys(headers).length === 0 ? (
        <p class="muted">The headers of this attempt were not kept: it was made before Filora kept them.</p>
      ) : (
        <HeadersTable title="Request headers" label={`${context} request headers`} headers={headers} />
      )}
      <BodyBlock title="Request body" label={`${context} request body`} body={body} />
    </div>
  );
}
