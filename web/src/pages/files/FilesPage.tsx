import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLiveChanges } from '../../hooks/useLive';
import { usePagedList } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { paths } from '../../routes';
import { Breadcrumb } from './Breadcrumb';
import { FolderContents } from './FolderContents';
import { changesFolder } from './liveMatch';
import { NewFolderForm } from './NewFolderForm';
import { useOwns } from './ownership';
import { isSearching, SearchForm } from './SearchForm';
import { searchAddress, searchOf } from './searchQuery';
import { StorageSummary } from './StorageSummary';
import type { FileItem, Folder, FolderSummary } from './types';
import { UploadPanel } from './UploadPanel';
import './files.css';

const PAGE_SIZE = 50;

/** My files or one folder: breadcrumb, search, upload, new folder, its folders and files, and the storage summary. */
export function FilesPage() {
  const folderId: string | null = useRoute().params.folderId ?? null;
  // The search lives in the address, so Back from a result and a reload keep it.
  const location = useLocation();
  const search = searchOf(location.query);
  const searching = isSearching(search);
  const folder = useResource(
    (signal) => (folderId === null ? Promise.resolve(null) : api<Folder>('GET', `/folders/${folderId}`, { signal })),
    [folderId],
  );
  const folders = usePagedList<FolderSummary>('/folders', { parent_id: folderId ?? 'root', limit: PAGE_SIZE });
  // A search looks through every folder; otherwise the folder's own files.
  const files = usePagedList<FileItem>(
    '/files',
    searching ? { ...search, limit: PAGE_SIZE } : { folder_id: folderId ?? 'root', limit: PAGE_SIZE },
  );
  const [statsVersion, setStatsVersion] = useState(0);

  const refresh = () => {
    folder.reload(true);
    folders.reload(true);
    files.reload(true);
    setStatsVersion((version) => version + 1);
  };
  useLiveChanges(refresh, (item) => changesFolder(item, folderId, searching));

  const current = folder.data ?? null;
  const owns = useOwns();
  // Someone else's folder (shared with the caller): no writing, no storage of theirs to show.
  const shared = current !== null && !owns(current);
  const writable = folderId === null || (current !== null && !shared);
  const title = current?.name ?? (folderId === null ? 'My files' : 'Folder');
  const trail = current === null ? [] : [...current.path.filter((step) => step.id !== current.id), { id: current.id, name: current.name }];
  return (
    <section class="files-page">
      <Breadcrumb trail={trail} shared={shared} />
      <h1>{title}</h1>
      {folder.error !== null && (
        <>
          <ErrorBanner error={folder.error} title="Could not open this folder" />
          <p>
            <a href={paths.files}>Back to My files</a>
          </p>
        </>
      )}
      {!shared && <StorageSummary version={statsVersion} />}
      <SearchForm key={location.url} search={search} onSearch={(next) => location.route(searchAddress(location.path, next))} />
      {!searching && writable && (
        <div class="files-tools">
          <UploadPanel folderId={folderId} onUploaded={refresh} />
          <NewFolderForm parentId={folderId} onCreated={refresh} />
        </div>
      )}
      <h2>{searching ? 'Search results in all folders' : 'Contents'}</h2>
      <FolderContents
        label={searching ? 'Search results' : `Contents of ${title}`}
        folders={searching ? null : folders}
        files={files}
        emptyTitle={searching ? 'No files match this search' : 'No files here yet — upload or drop files'}
        emptyHint={
          searching
            ? 'Try another name, type or tag, or clear the search.'
            : 'Use “Upload files” above, drop files on it, or create a folder.'
        }
        errorTitle={searching ? 'Could not search' : 'Could not load this folder'}
        onChanged={refresh}
      />
    </section>
  );
}
