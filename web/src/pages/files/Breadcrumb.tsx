import { paths } from '../../routes';

/**
 * Where the folder shown is: My files (Shared with me for someone else's folder), then each folder above it,
 * the current one last (not a link); none at the root.
 */
export function Breadcrumb({ trail, shared }: { trail: readonly { id: string; name: string }[]; shared: boolean }) {
  const last = trail.length - 1;
  if (last < 0) return null;
  return (
    <nav aria-label="Breadcrumb" class="files-breadcrumb">
      <ol>
        <li>{shared ? <a href={paths.sharing}>Shared with me</a> : <a href={paths.files}>My files</a>}</li>
        {trail.map((folder, index) => (
          <li key={folder.id}>
            {index === last ? <span aria-current="page">{folder.name}</span> : <a href={paths.folder(folder.id)}>{folder.name}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
