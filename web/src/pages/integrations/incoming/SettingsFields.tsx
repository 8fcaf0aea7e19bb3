import { Field } from '../../../components/Field';
import { FolderSelect } from './FolderSelect';
import type { SettingsDraft } from './settings';
import { upsertFieldFor } from './settings';
import type { IncomingAction, UpsertField, VerificationType } from './types';
import { ACTION_LABELS, INCOMING_ACTIONS, VERIFICATION_LABELS, VERIFICATION_TYPES } from './types';

const SECRET_HINTS: Record<VerificationType, string> = {
  none: '',
  standard_webhooks: 'whsec_ followed by base64. ',
  hmac_sha256: '16 to 256 characters. ',
};

/** A hook's settings (what it runs, where, how calls prove their sender, how often): the create form's and the settings form's. */
export function SettingsFields({
  draft,
  onChange,
  idPrefix,
  editing = false,
}: {
  draft: SettingsDraft;
  onChange: (draft: SettingsDraft) => void;
  idPrefix: string;
  /** Editing a hook that has a secret: an empty secret keeps it. */
  editing?: boolean;
}) {
  const set = (change: Partial<SettingsDraft>) => onChange({ ...draft, ...change });
  const id = (name: string) => `${idPrefix}-${name}`;
  const secretHint = `${SECRET_HINTS[draft.verificationType]}Leave empty to ${editing ? 'keep the current secret (or have one made when the type changes)' : 'have one made'}; it is shown once.`;
  return (
    <div class="incoming-settings">
      <Field id={id('name')} label="Name">
        <input id={id('name')} required maxLength={100} value={draft.name} onInput={(event) => set({ name: event.currentTarget.value })} />
      </Field>
      <Field id={id('action')} label="Command it runs">
        <select
          id={id('action')}
          value={draft.action}
          onChange={(event) => {
            const action = event.currentTarget.value as IncomingAction;
            set({ action, upsertField: upsertFieldFor(action, draft.upsertField) });
          }}
        >
          {INCOMING_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </Field>
      {draft.action === 'update_file' && (
        <Field id={id('upsert')} label="Find the file by">
          <select
            id={id('upsert')}
            value={draft.upsertField ?? 'name'}
            onChange={(event) => set({ upsertField: event.currentTarget.value as UpsertField })}
          >
            <option value="name">Its name in the folder</option>
            <option value="id">Its Filora file id</option>
          </select>
        </Field>
      )}
      <FolderSelect id={id('folder')} value={draft.folderId} onChange={(folderId) => set({ folderId })} />
      <Field id={id('verification')} label="Verification">
        <select
          id={id('verification')}
          value={draft.verificationType}
          onChange={(event) => set({ verificationType: event.currentTarget.value as VerificationType })}
        >
          {VERIFICATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {VERIFICATION_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>
      {draft.verificationType === 'hmac_sha256' && (
        <Field id={id('header')} label="Signature header" hint="The hex HMAC-SHA256 of the body, sha256= prefix optional.">
          <input
            id={id('header')}
            aria-describedby={`${id('header')}-hint`}
            value={draft.header}
            onInput={(event) => set({ header: event.currentTarget.value })}
          />
        </Field>
      )}
      {draft.verificationType !== 'none' && (
        <Field id={id('secret')} label="Verification secret (optional)" hint={secretHint}>
          <input
            id={id('secret')}
            type="password"
            autoComplete="off"
            aria-describedby={`${id('secret')}-hint`}
            value={draft.secret}
            onInput={(event) => set({ secret: event.currentTarget.value })}
          />
        </Field>
      )}
      <Field id={id('rate')} label="Calls per minute" hint="Past it, the URL answers 429.">
        <input
          id={id('rate')}
          type="number"
          min={1}
          max={6000}
          aria-describedby={`${id('rate')}-hint`}
          value={draft.rateLimit}
          onInput={(event) => set({ rateLimit: event.currentTarget.value })}
        />
      </Field>
    </div>
  );
}
