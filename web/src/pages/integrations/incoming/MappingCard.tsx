import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAction } from '../../../hooks/useAction';
import { DryRunPanel } from './DryRunPanel';
import { mappingOf, rowsOf, targetFieldsOf } from './mapping';
import { MappingEditor } from './MappingEditor';
import type { IncomingWebhook } from './types';
import { hookPath } from './types';

/** The field mapping, edited and saved with PATCH, beside a dry run of the mapping as edited (saved or not) against a sample payload. */
export function MappingCard({ hook, onChanged }: { hook: IncomingWebhook; onChanged: () => void }) {
  const [rows, setRows] = useState(() => rowsOf(hook.field_mapping));
  const [saved, setSaved] = useState(false);
  const edited = mappingOf(rows);
  const unsaved = JSON.stringify(edited) !== JSON.stringify(hook.field_mapping);
  const save = useAction(async () => {
    await api('PATCH', hookPath(hook.id), { body: { field_mapping: edited } });
    setSaved(true);
    onChanged();
  });
  return (
    <section class="card incoming-mapping-card" aria-labelledby="incoming-mapping-title">
      <h2 id="incoming-mapping-title">Field mapping</h2>
      <div class="incoming-mapping-layout">
        <form
          aria-label="Field mapping"
          onSubmit={(event) => {
            event.preventDefault();
            void save.run();
          }}
        >
          <MappingEditor
            rows={rows}
            fields={targetFieldsOf(hook.action, hook.upsert_field)}
            onChange={(next) => {
              setRows(next);
              setSaved(false);
            }}
          />
          <ErrorBanner error={save.error} title="The mapping was not saved" />
          <div class="actions incoming-form-actions">
            <button type="submit" class="button" disabled={save.running || !unsaved}>
              {save.running ? 'Saving…' : 'Save mapping'}
            </button>
            <span role="status" class="muted">
              {unsaved ? 'Unsaved changes' : saved ? 'Mapping saved' : ''}
            </span>
          </div>
        </form>
        <DryRunPanel hookId={hook.id} editedMapping={unsaved ? edited : null} />
      </div>
    </section>
  );
}
