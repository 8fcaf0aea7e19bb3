import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { DisplayNameField } from '../auth/DisplayNameField';
import { DoneNotice } from './DoneNotice';
import type { CurrentUser } from './types';

/** Changes the name other people see (PATCH /users/me). */
export function DisplayNameForm({ current, onSaved }: { current: string; onSaved: () => void }) {
  const [name, setName] = useState(current);
  const [done, setDone] = useState<string | null>(null);
  const save = useAction(async () => {
    setDone(null);
    const saved = await api<CurrentUser>('PATCH', '/users/me', { body: { display_name: name.trim() } });
    setDone(`Your display name is now “${saved.display_name}”.`);
    onSaved();
  });
  return (
    <ActionForm action={save} failure="Could not change the display name" submitLabel="Save display name" runningLabel="Saving…">
      <DisplayNameField id="security-display-name" value={name} onValue={setName} error={fieldErrorsOf(save.error).display_name} />
      <DoneNotice message={done} />
    </ActionForm>
  );
}
