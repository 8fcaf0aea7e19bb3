import { Empty } from '../../components/Empty';
import { LoadMore } from '../../components/LoadMore';
import { ScrollTable } from '../../components/ScrollTable';
import { formatBytes } from '../../format';
import { paths } from '../../routes';
import { DownloadLink } from './DownloadLink';
import { LinkFacts } from './LinkFacts';
import type { PublicLinkMetadata } from './types';
import { useFolderPages } from './useFolderPages';

/** A folder link: the folder's path from the shared one, its folders to open and its files to download (key it on the folder). */
export function SharedFolder({ token, link }: { token: string; link: PublicLinkMetadata }) {
  const folderAddress = (folderId: string | null) => `${paths.publicLink(token)}${folderId === null ? '' : `?folder=${folderId}`}`;
  const folder = link.folder;
  const pages = useFolderPages(token, link);
  const entries = pages.data ?? [];
  if (folder === undefined) return <h1>Shared folder</h1>;
  const [top, ...beneath] = folder.path;
  return (
    <section>
      <h1 class="public-link-name">{folder.name}</h1>
      {beneath.length > 0 && (
        <nav aria-label="Folder path" class="public-link-path">
          <ol>
            {folder.path.map((step, index) => (
              <li key={step.id}>
                {index === folder.path.length - 1 ? (
                  <span aria-current="page">{step.name}</span>
                ) : (
                  <a href={folderAddress(step === top ? null : step.id)}>{step.name}</a>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <LinkFacts link={link} />
      {entries.length === 0 ? (
        <Empty title="This folder is empty">Nothing has been put in it yet.</Empty>
      ) : (
        <ScrollTable label={`Contents of ${folder.name}`} columns={['Name', 'Size', 'Actions']}>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.type === 'folder' ? <a href={folderAddress(entry.id)}>{entry.name}/</a> : entry.name}</td>
              <td>{entry.size === undefined ? '—' : formatBytes(entry.size)}</td>
              <td>
                {entry.type === 'file' && (
                  <DownloadLink token={token} fileId={entry.id} name={entry.name} allowed={link.permission === 'download'} small />
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <LoadMore list={pages} />
    </section>
  );
}
