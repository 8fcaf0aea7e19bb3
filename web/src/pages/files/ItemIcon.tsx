/** A folder or file glyph beside a name (decorative: the Type column says the same in words). */
export function ItemIcon({ kind }: { kind: 'file' | 'folder' }) {
  return (
    <svg class={`files-icon files-icon-${kind}`} viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      {kind === 'folder' ? (
        <path d="M2 5a2 2 0 0 1 2-2h4l2 2h6a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2z" />
      ) : (
        <path d="M5 2h7l4 4v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm6 1v4h4" />
      )}
    </svg>
  );
}
