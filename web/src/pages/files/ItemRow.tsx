import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes, formatTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { paths } from '../../routes';
import { ShareDialog } from '../sharing/ShareDialog';
import { downloadFile } from './download';
import { ItemIcon } from './ItemIcon';
import { deleteItem, moveItem, renameItem } from './itemApi';
import { MoveDialog } from './MoveDialog';
import { RenameForm } from './RenameForm';
import { useOwns } from './ownership';
import type { Item } from './types';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What a row says about its item's size: bytes for a file, what a folder holds. */
function sizeOf(target: Item): string {
  if (target.kind === 'file') return formatBytes(target.item.size);
  const { folder_count: folders, file_count: files } = target.item;
  if (folders === 0 && files === 0) return 'Empty';
  return [files > 0 ? plural(files, 'file') : '', folders > 0 ? plural(folders, 'folder') : ''].filter(Boolean).join(', ');
}

/** One file or folder in the list: name (a link to open it), type, size, modified time, and what can be done with it. */
export function ItemRow({ target, onChanged }: { target: Item; onChanged: () => void }) {
  const { item } = target;
  const [open, setOpen] = useState<'rename' | 'move' | 'share' | null>(null);
  const close = () => setOpen(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  // The form replaces the name; when it goes, focus goes back to the button that opened it.
  const closeRename = () => {
    setOpen(null);
    renameButton.current?.focus();
  };
  const action = useAction(async (perform: () => Promise<void>) => {
    await perform();
    onChanged();
  });
  const href = target.kind === 'file' ? paths.file(item.id) : paths.folder(item.id);
  const mine = useOwns()(item);
  return (
    <tr>
      <td class="files-name">
        {open === 'rename' ? (
          <RenameForm name={item.name} rename={(name) => renameItem(target, name).then(onChanged)} onDone={closeRename} />
        ) : (
          <a href={href}>
            <ItemIcon kind={target.kind} />
            {item.name}
          </a>
        )}
        <ErrorBanner error={action.error} title={`Could not change ${item.name}`} />
      </td>
      <td class="files-nowrap">{target.kind === 'folder' ? 'Folder' : target.item.mime_type}</td>
      <td class="files-nowrap">{sizeOf(target)}</td>
      <td class="files-nowrap">{formatTime(item.updated_at)}</td>
      <td>
        <div class="actions actions-nowrap">
          {target.kind === 'file' && (
            <RowButton verb="Download" item={item.name} onClick={() => void action.run(() => downloadFile(item.id, item.name))} />
          )}
          {mine && (
            <>
              <RowButton verb="Rename" item={item.name} onClick={() => setOpen('rename')} buttonRef={renameButton} />
              <RowButton verb="Move" item={item.name} onClick={() => setOpen('move')} />
              <RowButton verb="Share" item={item.name} onClick={() => setOpen('share')} />
              <ConfirmButton
                label="Delete"
                name={target.kind === 'folder' ? `Delete ${item.name} and everything in it` : `Delete ${item.name}`}
                confirmLabel={target.kind === 'folder' ? 'Delete folder and contents' : 'Delete file'}
                onConfirm={() => void action.run(() => deleteItem(target))}
                disabled={action.running}
              />
            </>
          )}
        </div>
        {open === 'move' && (
          <MoveDialog
            name={item.name}
            excludeId={target.kind === 'folder' ? item.id : undefined}
            move={(folderId) => moveItem(target, folderId).then(onChanged)}
            onClose={close}
          />
        )}
        {open === 'share' && <ShareDialog resource={{ kind: target.kind, id: item.id, name: item.name }} onClose={close} />}
      </td>
    </tr>
  );
}

/** A row's button: the verb is what it shows, the verb and the item's name what a screen reader says. */
function RowButton({
  verb,
  item,
  onClick,
  buttonRef,
}: {
  verb: string;
  item: string;
  onClick: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <button ref={buttonRef} type="button" class="button button-small button-secondary" aria-label={`${verb} ${item}`} onClick={onClick}>
      {verb}
    </button>
  );
}
