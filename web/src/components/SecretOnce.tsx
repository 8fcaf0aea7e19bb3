import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from './CopyButton';

/**
 * A secret the API shows this once: displayed whole, with a copy button and a warning. The button says
 * "Copy <label>" with the label's first letter lowered only ("Copy receive URL"), unless `copyLabel` says otherwise.
 */
export function SecretOnce({
  label,
  secret,
  copyLabel,
  takesFocus = false,
}: {
  label: string;
  secret: string;
  copyLabel?: string;
  /** Takes the focus when a secret arrives (the button that asked for it is gone), so it is seen and announced. */
  takesFocus?: boolean;
}) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takesFocus) region.current?.focus();
  }, [takesFocus, secret]);
  return (
    <div ref={region} tabIndex={takesFocus ? -1 : undefined} class="banner banner-secret" role="region" aria-label={label}>
      <strong>{label}</strong>
      <p>Copy it now: it is shown only this once and cannot be read again.</p>
      <div class="secret-row">
        <code class="secret" data-testid="secret">
          {secret}
        </code>
        <CopyButton value={secret} label={copyLabel ?? `Copy ${lowerFirst(label)}`} />
      </div>
    </div>
  );
}

/** "Receive URL" → "receive URL", but "API token" stays as it is (an acronym keeps its case). */
const lowerFirst = (text: string): string => (/^[A-Z][^A-Z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
