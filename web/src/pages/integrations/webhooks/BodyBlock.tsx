import { prettyBody } from './present';

/** A request or response body, pretty-printed when it is JSON; scrolls inside itself, focusable for the keyboard. */
export function BodyBlock({ label, body }: { label: string; body: string }) {
  if (body === '') return <p class="muted">{label}: empty.</p>;
  return (
    <figure class="webhooks-body">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0} aria-label={label}>
        <code>{prettyBody(body)}</code>
      </pre>
    </figure>
  );
}
