import { useState } from 'preact/hooks';
import type { MfaChallenge } from '../../api/auth';
import { completeSignIn } from '../../api/auth';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { fieldErrorsOf } from '../../components/fieldErrors';
import type { SecondFactorMethod } from './secondFactor';
import { proofOf } from './secondFactor';
import { SecondFactorField } from './SecondFactorField';

/** The second step of signing in: a code of the authenticator app or a recovery code, for the challenge the password answered. */
export function SecondStep({ challenge, onStartOver }: { challenge: MfaChallenge; onStartOver: () => void }) {
  const [method, setMethod] = useState<SecondFactorMethod>(challenge.methods.includes('totp') ? 'totp' : 'recovery_code');
  const [value, setValue] = useState('');
  const action = useAction(() => completeSignIn(challenge, proofOf(method, value)));
  const fieldErrors = fieldErrorsOf(action.error);
  return (
    <ActionForm
      action={action}
      failure="Could not verify the code"
      submitLabel="Verify"
      runningLabel="Verifying…"
      cancel={{ label: 'Start over', onClick: onStartOver }}
    >
      <p>Your account has two-step verification on. Enter a code to finish signing in.</p>
      <SecondFactorField
        id="sign-in-code"
        method={method}
        onMethod={(next) => {
          setMethod(next);
          action.clearError();
        }}
        value={value}
        onValue={setValue}
        error={fieldErrors[method === 'totp' ? 'code' : 'recovery_code']}
        focusOnMount
      />
    </ActionForm>
  );
}
