import { CopyButton } from '../../components/CopyButton';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatTime } from '../../format';
import type { LinkStatus, PublicLink } from './types';
import type { BadgeTone } from '../../components/Badge';
import { Badge } from '../../components/Badge';
import { publicLinkAddress } from '../publicLink/publicLinkApi';

const STATUS: Record<LinkStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'warning' },
  exhausted: { label: 'Download limit reached', tone: 'warning' },
  revoked: { label: 'Revoked', tone: 'danger' },
  resource_deleted: { label: 'Deleted', tone: 'danger' },
};

/** One public link: its address (copyable while it works), what it allows, and revoke. */
export function LinkItem({ link, onRevoke, revoking }: { link: PublicLink; onRevoke: () => void; revoking: boolean }) {
  const status = STATUS[link.status];
  const active = link.status === 'active';
  // The console's page for the link, not the API's JSON address (link.url): what a person opens in a browser.
  const address = publicLinkAddress(link.token);
  return (
    <li class="sharing-item sharing-link">
      <div class="sharing-link-main">
        <code class="sharing-url">{address}</code>
        <div class="sharing-meta">
          <Badge tone={status.tone}>{status.label}</Badge>
          <Badge>{link.permission === 'download' ? 'Download' : 'View'}</Badge>
          {link.has_password && <Badge>Password</Badge>}
          <span class="muted">
            Downloads: {link.download_count}
            {link.max_downloads !== null && ` of ${link.max_downloads}`}
          </span>
          <span class="muted">Expires: {link.expires_at === null ? 'never' : formatTime(link.expires_at)}</span>
          {link.revoked_at !== null && <span class="muted">Revoked: {formatTime(link.revoked_at)}</span>}
        </div>
      </div>
      {active && (
        <div class="actions">
          <CopyButton value={address} label="Copy link" />
          <ConfirmButton label="Revoke link" confirmLabel="Revoke link now" disabled={revoking} onConfirm={onRevoke} />
        </div>
      )}
    </li>
  );
}
