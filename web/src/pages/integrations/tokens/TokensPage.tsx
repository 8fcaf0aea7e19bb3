import { useState } from 'preact/hooks';
import { Dialog } from '../../../components/Dialog';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { useLiveChanges } from '../../../hooks/useLive';
import { usePagedList } from '../../../hooks/usePagedList';
import { IssuedSecret } from './IssuedSecret';
import { TokenForm } from './TokenForm';
import { TokenTable } from './TokenTable';
import { isTokenEvent, tokensApi } from './tokensApi';
import type { ApiToken, NewSecret } from './types';
import './tokens.css';

/** API tokens: the list with usage, creating one (its secret shown once), regenerating and revoking. */
export function TokensPage() {
  const list = usePagedList<ApiToken>('/tokens');
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<NewSecret | null>(null);
  useLiveChanges(() => list.reload(true), isTokenEvent);
  const showIssued = (next: NewSecret) => {
    setIssued(next);
    list.reload(true);
  };

  return (
    <section class="tokens">
      <div class="toolbar">
        <h1>API tokens</h1>
        <button type="button" class="button" onClick={() => setCreating(true)}>
          New token
        </button>
      </div>
      <p class="muted">Tokens let scripts and other services call the Filora API on your behalf, with only the scopes you give them.</p>
      {issued !== null && <IssuedSecret issued={issued} onDismiss={() => setIssued(null)} />}
      {creating && (
        <Dialog title="New API token" onClose={() => setCreating(false)}>
          <TokenForm
            submitLabel="Create token"
            onCancel={() => setCreating(false)}
            onSubmit={async (settings) => {
              const created = await tokensApi.create(settings);
              setCreating(false);
              showIssued(created);
            }}
          />
        </Dialog>
      )}
      <ErrorBanner error={list.error} title="The tokens could not be loaded" />
      {list.loading && <Loading label="Loading tokens…" />}
      {!list.loading && list.data?.length === 0 && (
        <Empty title="No API tokens yet">
          <p>Create one with “New token” to call the API from a script or another service.</p>
        </Empty>
      )}
      {!list.loading && list.data !== undefined && list.data.length > 0 && (
        <TokenTable tokens={list.data} onIssued={showIssued} onChanged={() => list.reload(true)} />
      )}
      <LoadMore list={list} />
    </section>
  );
}
