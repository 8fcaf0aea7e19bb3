import { AccountSection } from './AccountSection';
import { TwoStepSection } from './TwoStepSection';
import './security.css';

/** The signed-in user's account and second factor. */
export function SecurityPage() {
  return (
    <section class="security">
      <h1>Security</h1>
      <TwoStepSection />
      <AccountSection />
    </section>
  );
}
