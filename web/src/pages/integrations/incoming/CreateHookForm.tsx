import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { ActionForm } from '../../../components/ActionForm';
import { fieldErrorsOf } from '../../../components/fieldErrors';
import { useAction } from '../../../hooks/useAction';
import { mappingOf, targetFieldsOf } from './mapping';
import { MappingEditor } from './MappingEditor';
import { emptyDraft, settingsBody, startingRows } from './settings';
import { SettingsFields } from './SettingsFields';
import type { IssuedIncomingWebhook } from './types';
import { INCOMING_PATH } from './types';

/** A new hook: its settings and field mapping; the answer (with the URL shown once) goes to `onCreated`. */
export function CreateHookForm({ onCreated, onCancel }: { onCreated: (hook: IssuedIncomingWebhook) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(emptyDraft);
  const [rows, setRows] = useState(() => startingRows(draft.action));
  const create = useAction(async () => {
    const body = { ...settingsBody(draft), field_mapping: mappingOf(rows) };
    onCreated(await api<IssuedIncomingWebhook>('POST', INCOMING_PATH, { body }));
  });
  return (
    <section class="card incoming-create" aria-labelledby="incoming-create-title">
      <h2 id="incoming-create-title">New incoming webhook</h2>
      <ActionForm
        action={create}
        failure="The webhook was not created"
        submitLabel="Create webhook"
        runningLabel="Creating…"
        cancel={{ label: 'Cancel', onClick: onCancel }}
      >
        <SettingsFields
          idPrefix="incoming-new"
          draft={draft}
          errors={fieldErrorsOf(create.error)}
          onChange={(next) => {
            // A new action starts from the fields it needs, keeping what was typed for them.
            if (next.action !== draft.action) {
              const fields = targetFieldsOf(next.action, next.upsertField);
              const kept = rows.filter((row) => fields.includes(row.field));
              const added = startingRows(next.action).filter((row) => !kept.some((keptRow) => keptRow.field === row.field));
              setRows([...kept, ...added]);
            }
            setDraft(next);
          }}
        />
        <h3>Field mapping</h3>
        <MappingEditor rows={rows} fields={targetFieldsOf(draft.action, draft.upsertField)} onChange={setRows} />
      </ActionForm>
    </section>
  );
}
