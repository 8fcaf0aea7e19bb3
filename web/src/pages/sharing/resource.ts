/** What is shared: a file or a folder, by id, with its name to show. */
export interface Shareable {
  kind: 'file' | 'folder';
  id: string;
  name: string;
}

/** The API path of a shareable resource (`/files/{id}` or `/folders/{id}`), under which its shares and links live. */
export function resourcePath(resource: Pick<Shareable, 'kind' | 'id'>): string {
  return `/${resource.kind === 'file' ? 'files' : 'folders'}/${encodeURIComponent(resource.id)}`;
}
