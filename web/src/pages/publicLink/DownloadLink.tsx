import { publicDownloadUrl } from './publicLinkApi';

/** A plain download (the browser saves it; the link's access cookie goes along), or why there is none; `small` in a table row. */
export function DownloadLink({
  token,
  fileId,
  name,
  allowed,
  small = false,
}: {
  token: string;
  fileId?: string;
  name: string;
  allowed: boolean;
  small?: boolean;
}) {
  if (!allowed) return <span class="muted">View only</span>;
  return (
    <a
      class={small ? 'button button-small' : 'button'}
      href={publicDownloadUrl(token, fileId)}
      download={name}
      aria-label={`Download ${name}`}
    >
      Download
    </a>
  );
}
