import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { AppCodeField } from '../auth/AppCodeField';
import { proofOf } from '../auth/secondFactor';
import type { RecoveryCodes } from './types';

/** Replaces every recovery code with 10 new ones, for a current code of the authenticator app. */
export function RegenerateCodesForm({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const regenerate = useAction(async () => {
    const answer = await api<RecoveryCodes>('POST', '/auth/mfa/recovery-codes', { body: proofOf('totp', code) });
    setCode('');
    onCodes(answer.recovery_codes);
  });
  return (
    <ActionForm
      action={regenerate}
      failure="Could not make new recovery codes"
      submitLabel="Make new recovery codes"
      runningLabel="Making…"
    >
      <AppCodeField
        id="security-regenerate-code"
        label="6-digit code from your app"
        hint="The codes you have now stop working."
        value={code}
        onValue={setCode}
        error={fieldErrorsOf(regenerate.error).code}
      />
    </ActionForm>
  );
}
