import { useLocation, useRoute } from 'preact-iso';
import { ApiFailure } from '../../api/failure';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useResource } from '../../hooks/useResource';
import { LinkGone } from './LinkGone';
import { PasswordForm } from './PasswordForm';
import { fetchPublicLink } from './publicLinkApi';
import { SharedFile } from './SharedFile';
import { SharedFolder } from './SharedFolder';
import './publicLink.css';

/**
 * What a public link shares, for anyone holding it (signed in or not): the file to download, or the
 * folder to browse (`?folder=` names a folder beneath the shared one); its password first if it has one.
 */
export function PublicLinkPage() {
  const { params } = useRoute();
  const { query } = useLocation();
  const token = params.token ?? '';
  const folderId = query.folder;
  const link = useResource((signal) => fetchPublicLink(token, folderId, signal), [token, folderId]);
  const failure = link.error instanceof ApiFailure ? link.error : null;

  return (
    <main id="main" class="public-link-main">
      <p class="public-link-brand">Filora · shared with you</p>
      {link.loading ? (
        <Loading label="Opening the link…" />
      ) : failure?.status === 401 ? (
        <PasswordForm token={token} onUnlocked={() => link.reload()} />
      ) : failure?.status === 404 ? (
        <LinkGone failure={failure} />
      ) : link.error !== null || link.data === undefined ? (
        <>
          <h1>This link could not be opened</h1>
          <ErrorBanner error={link.error} title="Could not open the link" />
          <button type="button" class="button button-secondary" onClick={() => link.reload()}>
            Try again
          </button>
        </>
      ) : link.data.file !== undefined ? (
        <SharedFile token={token} link={link.data} file={link.data.file} />
      ) : (
        <SharedFolder key={link.data.folder?.id} token={token} link={link.data} />
      )}
    </main>
  );
}
