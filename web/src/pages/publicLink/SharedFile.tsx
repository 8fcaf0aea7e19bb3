import { formatBytes, formatTime } from '../../format';
import { DownloadLink } from './DownloadLink';
import { LinkFacts } from './LinkFacts';
import type { PublicLinkEntry, PublicLinkMetadata } from './types';

/** A file link: the file's name, size and type, and its download. */
export function SharedFile({ token, link, file }: { token: string; link: PublicLinkMetadata; file: PublicLinkEntry }) {
  return (
    <section class="card public-link-file">
      <h1 class="public-link-name">{file.name}</h1>
      <dl class="public-link-details">
        <dt>Size</dt>
        <dd>{file.size === undefined ? 'Unknown' : formatBytes(file.size)}</dd>
        <dt>Type</dt>
        <dd>{file.mime_type ?? 'Unknown'}</dd>
        <dt>Updated</dt>
        <dd>{formatTime(file.updated_at)}</dd>
      </dl>
      <LinkFacts link={link} />
      <DownloadLink token={token} name={file.name} allowed={link.permission === 'download'} />
    </section>
  );
}
