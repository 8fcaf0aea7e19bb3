import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { Dialog } from '../../../components/Dialog';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Loading } from '../../../components/Loading';
import { useLiveChanges } from '../../../hooks/useLive';
import { useResource } from '../../../hooks/useResource';
import { paths } from '../../../routes';
import { IssuedSecret } from './IssuedSecret';
import { RequestLog } from './RequestLog';
import { TokenActions } from './TokenActions';
import { TokenDetails } from './TokenDetails';
import { TokenForm } from './TokenForm';
import { isTokenEvent, tokensApi } from './tokensApi';
import type { NewSecret } from './types';
import './tokens.css';

/** One token: its settings and usage, editing, regenerating, revoking, and its request log. */
export function TokenPage() {
  const tokenId = useRoute().params.tokenId ?? '';
  const token = useResource((signal) => tokensApi.get(tokenId, signal), [tokenId]);
  const [editing, setEditing] = useState(false);
  const [issued, setIssued] = useState<NewSecret | null>(null);
  useLiveChanges(
    () => token.reload(true),
    (item) => isTokenEvent(item) && item.payload.tokenId === tokenId,
  );
  const current = token.data;

  return (
    <section class="tokens">
      <p>
        <a href={paths.tokens}>← All API tokens</a>
      </p>
      {token.loading && <Loading label="Loading the token…" />}
      <ErrorBanner error={token.error} title="The token could not be loaded" />
      {current !== undefined && (
        <>
          <div class="toolbar">
            <h1>{current.name}</h1>
            {current.status !== 'revoked' && (
              <button type="button" class="button button-secondary" onClick={() => setEditing(true)}>
                Edit token
              </button>
            )}
          </div>
          {issued !== null && <IssuedSecret issued={issued} onDismiss={() => setIssued(null)} linkToken={false} />}
          <TokenActions
            token={current}
            onIssued={(next) => {
              setIssued(next);
              token.reload(true);
            }}
            onChanged={() => token.reload(true)}
          />
          <TokenDetails token={current} />
          {editing && (
            <Dialog title={`Edit ${current.name}`} onClose={() => setEditing(false)}>
              <TokenForm
                token={current}
                submitLabel="Save changes"
                onCancel={() => setEditing(false)}
                onSubmit={async (settings) => {
                  await tokensApi.update(current.id, settings);
                  setEditing(false);
                  token.reload(true);
                }}
              />
            </Dialog>
          )}
          <RequestLog tokenId={current.id} />
        </>
      )}
    </section>
  );
}
