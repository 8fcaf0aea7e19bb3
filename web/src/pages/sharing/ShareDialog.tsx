/** What is shared: a file or a folder, by id, with its name to show. */
export interface Shareable {
  kind: 'file' | 'folder';
  id: string;
  name: string;
}

/** Placeholder until the sharing dialog is built: share a file or folder with users, and manage its public links. */
export function ShareDialog(_props: { resource: Shareable; onClose: () => void }) {
  return null;
}
