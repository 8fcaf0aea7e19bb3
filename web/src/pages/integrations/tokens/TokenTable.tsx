import { formatTime } from '../../../format';
import { paths } from '../../../routes';
import { TokenStatusBadge } from './TokenStatusBadge';
import { TokenActions } from './TokenActions';
import type { ApiToken, NewSecret } from './types';
import { ScrollTable } from '../../../components/ScrollTable';

const COLUMNS = ['Name', 'Scopes', 'Prefix', 'Last used', 'Requests', 'Expires', 'Status', 'Actions'];

/** The tokens list: what each may do, when it was last used, how much, and whether it still works. */
export function TokenTable({
  tokens,
  onIssued,
  onChanged,
}: {
  tokens: readonly ApiToken[];
  onIssued: (issued: NewSecret) => void;
  onChanged: () => void;
}) {
  return (
    <ScrollTable label="Your API tokens" columns={COLUMNS}>
      {tokens.map((token) => (
        <tr key={token.id}>
          <th scope="row">
            <a href={paths.token(token.id)}>{token.name}</a>
          </th>
          <td>
            <ul class="tokens-scopes">
              {token.scopes.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          </td>
          <td>
            <code class="tokens-prefix">{token.prefix}…</code>
          </td>
          <td>
            {token.last_used_at === null ? 'Never' : formatTime(token.last_used_at)}
            {token.last_used_ip !== null && <div class="muted">from {token.last_used_ip}</div>}
          </td>
          <td>{token.request_count}</td>
          <td>{token.expires_at === null ? 'Never' : formatTime(token.expires_at)}</td>
          <td>
            <TokenStatusBadge status={token.status} />
          </td>
          <td>
            <TokenActions token={token} onIssued={onIssued} onChanged={onChanged} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
