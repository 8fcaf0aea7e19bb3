import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { DisableTotpForm } from './DisableTotpForm';
import { DoneNotice } from './DoneNotice';
import { RecoveryCodesOnce } from './RecoveryCodesOnce';
import { RegenerateCodesForm } from './RegenerateCodesForm';
import { TotpSetup } from './TotpSetup';
import type { MfaStatus, TotpEnrollment } from './types';
import { Badge } from '../../components/Badge';

/** Two-step verification (GET /auth/mfa): set up an authenticator app, see and renew recovery codes, or turn it off. */
export function TwoStepSection() {
  const status = useResource((signal) => api<MfaStatus>('GET', '/auth/mfa', { signal }), []);
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const begin = useAction(async () => {
    setDone(null);
    setEnrollment(await api<TotpEnrollment>('POST', '/auth/mfa/totp'));
  });
  const totp = status.data?.totp;
  return (
    <section class="card" aria-labelledby="security-two-step">
      <h2 id="security-two-step">Two-step verification</h2>
      {status.loading && status.data === undefined && <Loading label="Loading two-step verification…" />}
      <ErrorBanner error={status.error} title="Could not load two-step verification" />
      <DoneNotice message={done} />
      {codes !== null && <RecoveryCodesOnce codes={codes} onDone={() => setCodes(null)} />}
      {totp !== undefined && status.data !== undefined && (
        <p>
          Status: <Badge tone={totp.enabled ? 'success' : 'warning'}>{totp.enabled ? 'On' : 'Off'}</Badge>
          {totp.enabled
            ? ` since ${formatTime(totp.enrolled_at)}; ${status.data.recovery_codes_remaining} of 10 recovery codes left.`
            : '. Signing in asks only for your password.'}
        </p>
      )}
      {totp?.enabled === true && (
        <>
          <h3>Recovery codes</h3>
          <RegenerateCodesForm onCodes={setCodes} />
          <h3>Turn off</h3>
          <DisableTotpForm
            onDisabled={() => {
              setCodes(null);
              setDone('Two-step verification is off.');
              status.reload(true);
            }}
          />
        </>
      )}
      {totp?.enabled === false && enrollment === null && (
        <>
          <p>Ask for a code from an authenticator app on your phone each time you sign in, as well as your password.</p>
          {totp.pending && <p class="muted">A setup was begun and not finished; starting again makes a new key.</p>}
          <ErrorBanner error={begin.error} title="Could not begin the setup" />
          <button type="button" class="button" onClick={() => void begin.run()} disabled={begin.running}>
            {begin.running ? 'Starting…' : 'Set up an authenticator app'}
          </button>
        </>
      )}
      {totp?.enabled === false && enrollment !== null && (
        <TotpSetup
          enrollment={enrollment}
          onCancel={() => setEnrollment(null)}
          onConfirmed={(recoveryCodes) => {
            setEnrollment(null);
            setCodes(recoveryCodes);
            status.reload(true);
          }}
        />
      )}
    </section>
  );
}
