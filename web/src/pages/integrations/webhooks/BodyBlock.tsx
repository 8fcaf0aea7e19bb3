import { prettyBody } from './present';

/**
 * A request or response body under a visible title, pretty-printed when it is JSON; scrolls inside itself,
 * focusable for the keyboard. `label` names it where several bodies share a page ("Attempt 2 response body").
 */
export function BodyBlock({ title, label, body }: { title: string; label: string; body: string }) {
  if (body === '') return <p class="muted">{title}: empty.</p>;
  return (
    <figure class="webhooks-block">
      <figcaption>{title}</figcaption>
      <pre class="webhooks-body" role="region" aria-label={label} tabIndex={0}>
        <code>{prettyBody(body)}</code>
      </pre>
    </figure>
  );
}
