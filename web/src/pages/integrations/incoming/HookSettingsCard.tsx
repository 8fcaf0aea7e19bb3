import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { ActionForm } from '../../../components/ActionForm';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { fieldErrorsOf } from '../../../components/fieldErrors';
import { useAction } from '../../../hooks/useAction';
import type { ShownOnce } from './IssuedSecrets';
import { HookStateBadge } from './HookStateBadge';
import { IssuedSecrets } from './IssuedSecrets';
import { draftOf, settingsBody } from './settings';
import { SettingsFields } from './SettingsFields';
import type { ChangedIncomingWebhook, IncomingWebhook } from './types';
import { hookPath } from './types';

/** A hook's settings, changed with PATCH; turning it on and off is one press. A new verification secret is shown once. */
export function HookSettingsCard({ hook, onChanged }: { hook: IncomingWebhook; onChanged: () => void }) {
  const [draft, setDraft] = useState(() => draftOf(hook));
  const [shown, setShown] = useState<ShownOnce | null>(null);
  const patch = async (body: Record<string, unknown>) => {
    const changed = await api<ChangedIncomingWebhook>('PATCH', hookPath(hook.id), { body });
    setShown(changed.secret === undefined ? null : { secret: changed.secret });
    setDraft((current) => ({ ...current, secret: '' }));
    onChanged();
  };
  const save = useAction(() => patch(settingsBody(draft)));
  const toggle = useAction(() => patch({ enabled: !hook.enabled }));
  return (
    <section class="card" aria-labelledby="incoming-settings-title">
      <div class="toolbar incoming-heading">
        <h2 id="incoming-settings-title">Settings</h2>
        <HookStateBadge enabled={hook.enabled} />
        <button type="button" class="button button-small button-secondary" onClick={() => void toggle.run()} disabled={toggle.running}>
          {hook.enabled ? 'Disable' : 'Enable'}
        </button>
      </div>
      {!hook.enabled && <p class="muted">A disabled hook answers 403 to every call.</p>}
      <ErrorBanner error={toggle.error} title="The webhook was not switched" />
      <ActionForm action={save} failure="The settings were not saved" submitLabel="Save settings" runningLabel="Saving…">
        <SettingsFields idPrefix="incoming-edit" draft={draft} errors={fieldErrorsOf(save.error)} onChange={setDraft} editing />
      </ActionForm>
      {shown !== null && <IssuedSecrets shown={shown} />}
    </section>
  );
}
