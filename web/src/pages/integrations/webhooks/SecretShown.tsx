import { SecretOnce } from '../../../components/SecretOnce';
import { useFocusOnMount } from '../../../hooks/useFocusOnMount';

/**
 * A signing secret just issued (create, rotate): SecretOnce, taking the focus when it appears so that a screen
 * reader reads it and the keyboard is next to its copy button, instead of on the button that is gone.
 */
export function SecretShown({ label, secret }: { label: string; secret: string }) {
  const holder = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={holder} tabIndex={-1} class="webhooks-secret-shown">
      <SecretOnce label={label} secret={secret} />
    </div>
  );
}
