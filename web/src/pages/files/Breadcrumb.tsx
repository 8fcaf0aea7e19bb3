import { paths } from '../../routes';

/** Where the folder shown is: My files, then each folder above it, the current one last (not a link); none at the root. */
export function Breadcrumb({ trail }: { trail: readonly { id: string; name: string }[] }) {
  const last = trail.length - 1;
  if (last < 0) return null;
  return (
    <nav aria-label="Breadcrumb" class="files-breadcrumb">
      <ol>
        <li>
          <a href={paths.files}>My files</a>
        </li>
        {trail.map((folder, index) => (
          <li key={folder.id}>
            {index === last ? <span aria-current="page">{folder.name}</span> : <a href={paths.folder(folder.id)}>{folder.name}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
