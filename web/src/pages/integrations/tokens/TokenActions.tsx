import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAction } from '../../../hooks/useAction';
import { tokensApi } from './tokensApi';
import type { ApiToken, NewSecret } from './types';

/**
 * Regenerate (a new secret, the old one stops working) and revoke, each confirmed in place. A revoked token
 * can do neither. `onIssued` receives the new secret to show once; `onChanged` is told after a revoke.
 */
export function TokenActions({
  token,
  onIssued,
  onChanged,
}: {
  token: ApiToken;
  onIssued: (issued: NewSecret) => void;
  onChanged: () => void;
}) {
  const regenerate = useAction(async () => onIssued(await tokensApi.regenerate(token)));
  const revoke = useAction(async () => {
    await tokensApi.revoke(token.id);
    onChanged();
  });
  if (token.status === 'revoked') return null;
  return (
    <div class="tokens-actions">
      <div class="actions">
        <ConfirmButton
          label="Regenerate"
          name={`Regenerate ${token.name}`}
          confirmLabel="Regenerate: the old secret stops working"
          onConfirm={() => void regenerate.run()}
          disabled={regenerate.running}
        />
        <ConfirmButton
          label="Revoke"
          name={`Revoke ${token.name}`}
          confirmLabel="Revoke for good"
          onConfirm={() => void revoke.run()}
          disabled={revoke.running}
        />
      </div>
      <ErrorBanner error={regenerate.error} title="The token was not regenerated" />
      <ErrorBanner error={revoke.error} title="The token was not revoked" />
    </div>
  );
}
