import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import type { PagedList } from '../../hooks/usePagedList';
import { ItemRow } from './ItemRow';
import type { FileItem, FolderSummary } from './types';
import { ScrollTable } from '../../components/ScrollTable';

const COLUMNS = ['Name', 'Type', 'Size', 'Modified', 'Actions'];

/** The table of a folder's folders (first) and files, each list paged on its own; or a search's files. */
export function FolderContents({
  label,
  folders,
  files,
  emptyTitle,
  emptyHint,
  errorTitle,
  onChanged,
}: {
  label: string;
  folders: PagedList<FolderSummary> | null;
  files: PagedList<FileItem>;
  emptyTitle: string;
  emptyHint: string;
  errorTitle: string;
  onChanged: () => void;
}) {
  const lists = folders === null ? [files] : [folders, files];
  const error = lists.find((list) => list.error !== null)?.error ?? null;
  if (lists.some((list) => list.loading)) return <Loading label="Loading files…" />;
  const folderItems = folders?.data ?? [];
  const fileItems = files.data ?? [];
  return (
    <>
      <ErrorBanner error={error} title={errorTitle} />
      {error === null && folderItems.length === 0 && fileItems.length === 0 ? (
        <Empty title={emptyTitle}>
          <p>{emptyHint}</p>
        </Empty>
      ) : (
        <ScrollTable label={label} columns={COLUMNS} tableClass="files-table">
          {folderItems.map((item) => (
            <ItemRow key={item.id} target={{ kind: 'folder', item }} onChanged={onChanged} />
          ))}
          {fileItems.map((item) => (
            <ItemRow key={item.id} target={{ kind: 'file', item }} onChanged={onChanged} />
          ))}
        </ScrollTable>
      )}
      {folders !== null && <LoadMore list={folders} />}
      <LoadMore list={files} />
    </>
  );
}
