import { CopyButton } from '../../components/CopyButton';
import { useFocusOnMount } from '../../hooks/useFocusOnMount';

/** The 10 recovery codes, shown this once (like SecretOnce, for a list): each on its line, and a copy of them all. */
export function RecoveryCodesOnce({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const region = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={region} tabIndex={-1} class="banner banner-secret" role="region" aria-label="Recovery codes">
      <strong>Your recovery codes</strong>
      <p>
        Save them somewhere safe now: they are shown only this once. Each code signs you in once when you do not have your authenticator
        app.
      </p>
      <ol class="security-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="actions">
        <CopyButton value={codes.join('\n')} label="Copy all recovery codes" />
        <button type="button" class="button button-small button-secondary" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}
