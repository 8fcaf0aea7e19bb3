import type { ApiFailure } from '../../api/failure';

/** A link that no longer works: the API answers revoked, expired, used up and deleted alike, on purpose. */
export function LinkGone({ failure }: { failure: ApiFailure }) {
  return (
    <section class="card">
      <h1>This link no longer works</h1>
      <p>
        It may have been revoked or have expired, its download limit may be reached, or what it shared was deleted. Ask the person who sent
        it for a new link.
      </p>
      <p class="muted">
        The server said: {failure.message}
        {failure.requestId !== null && ` (request id ${failure.requestId})`}
      </p>
    </section>
  );
}
