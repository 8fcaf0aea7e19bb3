import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { fieldErrorsOf } from '../../components/fieldErrors';
import type { SecondFactorMethod } from '../auth/secondFactor';
import { proofOf } from '../auth/secondFactor';
import { SecondFactorField } from '../auth/SecondFactorField';

/** Turns two-step verification off, for a current code or a recovery code (sessions already started stay). */
export function DisableTotpForm({ onDisabled }: { onDisabled: () => void }) {
  const [method, setMethod] = useState<SecondFactorMethod>('totp');
  const [value, setValue] = useState('');
  const disable = useAction(async () => {
    await api('POST', '/auth/mfa/totp/disable', { body: proofOf(method, value) });
    onDisabled();
  });
  return (
    <ActionForm
      action={disable}
      failure="Could not turn off two-step verification"
      submitLabel="Turn off"
      runningLabel="Turning off…"
      danger
    >
      <SecondFactorField
        id="security-disable-code"
        method={method}
        onMethod={setMethod}
        value={value}
        onValue={setValue}
        error={fieldErrorsOf(disable.error)[method === 'totp' ? 'code' : 'recovery_code']}
      />
    </ActionForm>
  );
}
