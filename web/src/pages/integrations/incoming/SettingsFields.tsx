import type { Choice } from '../../../components/Field';
import { Field, fieldAria, SelectField, TextField } from '../../../components/Field';
import { FolderSelect } from './FolderSelect';
import type { SettingsDraft } from './settings';
import { upsertFieldFor } from './settings';
import type { UpsertField, VerificationType } from './types';
import { ACTION_LABELS, INCOMING_ACTIONS, VERIFICATION_LABELS, VERIFICATION_TYPES } from './types';

const SECRET_HINTS: Record<VerificationType, string> = {
  none: '',
  standard_webhooks: 'whsec_ followed by base64. ',
  hmac_sha256: '16 to 256 characters. ',
};

const ACTION_CHOICES = INCOMING_ACTIONS.map((action) => ({ value: action, label: ACTION_LABELS[action] }));
const VERIFICATION_CHOICES = VERIFICATION_TYPES.map((type) => ({ value: type, label: VERIFICATION_LABELS[type] }));
const FIND_BY_CHOICES: Choice<UpsertField>[] = [
  { value: 'name', label: 'Its name in the folder' },
  { value: 'id', label: 'Its Filora file id' },
];
const RATE_HINT = 'Past it, the URL answers 429.';

/**
 * A hook's settings (what it runs, where, how calls prove their sender, how often): the create form's and the
 * settings form's. `errors` are the API's complaints by field (`fieldErrorsOf`), shown under each.
 */
export function SettingsFields({
  draft,
  onChange,
  idPrefix,
  errors,
  editing = false,
}: {
  draft: SettingsDraft;
  onChange: (draft: SettingsDraft) => void;
  idPrefix: string;
  errors: Record<string, string>;
  /** Editing a hook that has a secret: an empty secret keeps it. */
  editing?: boolean;
}) {
  const set = (change: Partial<SettingsDraft>) => onChange({ ...draft, ...change });
  const id = (name: string) => `${idPrefix}-${name}`;
  const secretHint = `${SECRET_HINTS[draft.verificationType]}Leave empty to ${editing ? 'keep the current secret (or have one made when the type changes)' : 'have one made'}; it is shown once.`;
  const rateError = errors.rate_limit_per_minute;
  return (
    <div class="incoming-settings">
      <TextField
        id={id('name')}
        label="Name"
        required
        maxLength={100}
        value={draft.name}
        error={errors.name}
        onValue={(name) => set({ name })}
      />
      <SelectField
        id={id('action')}
        label="Command it runs"
        value={draft.action}
        choices={ACTION_CHOICES}
        error={errors.action}
        onValue={(action) => set({ action, upsertField: upsertFieldFor(action, draft.upsertField) })}
      />
      {draft.action === 'update_file' && (
        <SelectField
          id={id('upsert')}
          label="Find the file by"
          value={draft.upsertField ?? 'name'}
          choices={FIND_BY_CHOICES}
          error={errors.upsert_field}
          onValue={(upsertField) => set({ upsertField })}
        />
      )}
      <FolderSelect id={id('folder')} value={draft.folderId} error={errors.folder_id} onChange={(folderId) => set({ folderId })} />
      <SelectField
        id={id('verification')}
        label="Verification"
        value={draft.verificationType}
        choices={VERIFICATION_CHOICES}
        error={errors.verification}
        onValue={(verificationType) => set({ verificationType })}
      />
      {draft.verificationType === 'hmac_sha256' && (
        <TextField
          id={id('header')}
          label="Signature header"
          hint="The hex HMAC-SHA256 of the body, sha256= prefix optional."
          value={draft.header}
          error={errors['verification.header']}
          onValue={(header) => set({ header })}
        />
      )}
      {draft.verificationType !== 'none' && (
        <TextField
          id={id('secret')}
          type="password"
          autocomplete="off"
          label="Verification secret (optional)"
          hint={secretHint}
          value={draft.secret}
          error={errors['verification.secret']}
          onValue={(secret) => set({ secret })}
        />
      )}
      <Field id={id('rate')} label="Calls per minute" hint={RATE_HINT} error={rateError}>
        <input
          id={id('rate')}
          type="number"
          min={1}
          max={6000}
          {...fieldAria(id('rate'), { hint: RATE_HINT, error: rateError })}
          value={draft.rateLimit}
          onInput={(event) => set({ rateLimit: event.currentTarget.value })}
        />
      </Field>
    </div>
  );
}
