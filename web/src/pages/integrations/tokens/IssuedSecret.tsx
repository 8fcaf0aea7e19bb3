import { useEffect, useRef } from 'preact/hooks';
import { SecretOnce } from '../../../components/SecretOnce';
import { paths } from '../../../routes';
import type { NewSecret } from './types';

/**
 * A token's new secret, shown once after it was created or regenerated, until the user dismisses it. It takes
 * the focus each time a secret arrives (the button pressed is gone or far away), so it is seen and announced.
 */
export function IssuedSecret({ issued, onDismiss, linkToken = true }: { issued: NewSecret; onDismiss: () => void; linkToken?: boolean }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    region.current?.focus();
  }, [issued.secret]);
  return (
    <div class="tokens-issued" ref={region} tabIndex={-1} role="group" aria-label={`New secret for ${issued.tokenName}`}>
      <SecretOnce label="New token secret" secret={issued.secret} />
      <p class="tokens-issued-for">
        For the token {linkToken ? <a href={paths.token(issued.tokenId)}>{issued.tokenName}</a> : <strong>{issued.tokenName}</strong>}. Send
        it as <code>Authorization: Bearer …</code>.{' '}
        <button type="button" class="button button-small button-secondary" onClick={onDismiss}>
          I have copied it
        </button>
      </p>
    </div>
  );
}
