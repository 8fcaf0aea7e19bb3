import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { useFocusOnMount } from '../../hooks/useFocusOnMount';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { AppCodeField } from '../auth/AppCodeField';
import { proofOf } from '../auth/secondFactor';
import type { RecoveryCodes, TotpEnrollment } from './types';

const qrSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** A begun enrollment: the QR code and the secret to type instead, then a code of the app to turn it on. */
export function TotpSetup({
  enrollment,
  onConfirmed,
  onCancel,
}: {
  enrollment: TotpEnrollment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  const firstStep = useFocusOnMount<HTMLHeadingElement>();
  const confirm = useAction(async () => {
    const answer = await api<RecoveryCodes>('POST', '/auth/mfa/totp/confirm', { body: proofOf('totp', code) });
    onConfirmed(answer.recovery_codes);
  });
  return (
    <div class="security-setup">
      <h3 ref={firstStep} tabIndex={-1}>
        1. Add Filora to your authenticator app
      </h3>
      <div class="security-qr-row">
        <img
          class="security-qr"
          src={qrSource(enrollment.qr_svg)}
          alt="QR code to scan with your authenticator app"
          width={200}
          height={200}
        />
        <div>
          <p>Scan the QR code with your authenticator app, or type this key into it:</p>
          <p>
            <code class="secret security-secret">{enrollment.secret}</code>
          </p>
          <p class="muted">The key is shown only during this setup.</p>
        </div>
      </div>
      <h3>2. Enter the code the app shows</h3>
      <ActionForm
        action={confirm}
        failure="Could not turn on two-step verification"
        submitLabel="Turn on"
        runningLabel="Turning on…"
        cancel={{ label: 'Cancel', onClick: onCancel }}
      >
        <AppCodeField id="totp-confirm-code" value={code} onValue={setCode} error={fieldErrorsOf(confirm.error).code} />
      </ActionForm>
    </div>
  );
}
