import { BarChart } from '../../../components/BarChart';
import { formatTime } from '../../../format';
import { TokenStatusBadge } from './TokenStatusBadge';
import type { ApiToken } from './types';
import { statusClassBars } from './types';

/** A token's settings and its usage so far. */
export function TokenDetails({ token }: { token: ApiToken }) {
  return (
    <div class="tokens-details">
      <section class="card" aria-labelledby="token-settings-title">
        <h2 id="token-settings-title">Settings</h2>
        <dl class="tokens-facts">
          <dt>Status</dt>
          <dd>
            <TokenStatusBadge status={token.status} />
          </dd>
          <dt>Prefix</dt>
          <dd>
            <code>{token.prefix}…</code>
          </dd>
          <dt>Scopes</dt>
          <dd>{token.scopes.join(', ')}</dd>
          <dt>IP allowlist</dt>
          <dd>{token.ip_allowlist.length === 0 ? 'Any address' : token.ip_allowlist.join(', ')}</dd>
          <dt>Rate limit</dt>
          <dd>{token.rate_limit} requests per hour</dd>
          <dt>Expires</dt>
          <dd>{token.expires_at === null ? 'Never' : formatTime(token.expires_at)}</dd>
          <dt>Created</dt>
          <dd>{formatTime(token.created_at)}</dd>
          {token.regenerated_at !== null && (
            <>
              <dt>Regenerated</dt>
              <dd>{formatTime(token.regenerated_at)}</dd>
            </>
          )}
          {token.revoked_at !== null && (
            <>
              <dt>Revoked</dt>
              <dd>{formatTime(token.revoked_at)}</dd>
            </>
          )}
        </dl>
      </section>
      <section class="card" aria-labelledby="token-usage-title">
        <h2 id="token-usage-title">Usage</h2>
        <dl class="tokens-facts">
          <dt>Requests</dt>
          <dd>{token.request_count}</dd>
          <dt>Last used</dt>
          <dd>
            {token.last_used_at === null ? 'Never' : formatTime(token.last_used_at)}
            {token.last_used_ip !== null && ` from ${token.last_used_ip}`}
          </dd>
        </dl>
        <BarChart title="Requests by status" bars={statusClassBars(token.requests_by_status)} />
      </section>
    </div>
  );
}
