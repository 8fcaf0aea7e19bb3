import { formatTime } from '../../format';
import type { PublicLinkMetadata } from './types';

/** What the link allows and until when. */
export function LinkFacts({ link }: { link: PublicLinkMetadata }) {
  return (
    <p class="muted public-link-facts">
      {link.permission === 'download' ? 'You may download' : 'You may view, not download'}
      {link.expires_at !== null && ` · until ${formatTime(link.expires_at)}`}
      {link.max_downloads !== null && ` · ${Math.max(0, link.max_downloads - link.download_count)} of ${link.max_downloads} downloads left`}
    </p>
  );
}
