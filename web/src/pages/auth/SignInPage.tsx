import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { MfaChallenge } from '../../api/auth';
import { AuthCard } from './AuthCard';
import { registerLink } from './authLinks';
import { PasswordStep } from './PasswordStep';
import { SecondStep } from './SecondStep';

/** Signing in: the password, then the second step when the account has one. The app leaves for `?next=` once signed in. */
export function SignInPage() {
  const { query } = useLocation();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  if (challenge !== null)
    return (
      <AuthCard title="Two-step verification">
        <SecondStep challenge={challenge} onStartOver={() => setChallenge(null)} />
      </AuthCard>
    );
  return (
    <AuthCard title="Sign in">
      <PasswordStep onChallenge={setChallenge} />
      <p class="auth-switch">
        New to Filora? <a href={registerLink(query.next)}>Create an account</a>
      </p>
    </AuthCard>
  );
}
