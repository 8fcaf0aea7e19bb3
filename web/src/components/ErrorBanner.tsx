import { ApiFailure } from '../api/failure';

/** What went wrong, in the API's words: its message, each field it named, and the request id to quote. */
export function ErrorBanner({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  const failure = error instanceof ApiFailure ? error : null;
  const message = failure?.message ?? (error instanceof Error ? error.message : String(error));
  return (
    <div class="banner banner-error" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {failure !== null && failure.details.length > 0 && (
        <ul>
          {failure.details.map((detail) => (
            <li key={detail.path}>
              <code>{detail.path}</code>: {detail.message}
            </li>
          ))}
        </ul>
      )}
      {failure?.retryAfter != null && <p>Try again in {failure.retryAfter} s.</p>}
      {failure?.requestId != null && <p class="muted">Request id: {failure.requestId}</p>}
    </div>
  );
}
