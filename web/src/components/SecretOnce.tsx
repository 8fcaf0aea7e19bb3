import { CopyButton } from './CopyButton';

/** A secret the API shows this once: displayed whole, with a copy button and a warning. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <div class="banner banner-secret" role="region" aria-label={label}>
      <strong>{label}</strong>
      <p>Copy it now: it is shown only this once and cannot be read again.</p>
      <div class="secret-row">
        <code class="secret" data-testid="secret">
          {secret}
        </code>
        <CopyButton value={secret} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
