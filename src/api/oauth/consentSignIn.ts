import type { PasswordCheck, SecondFactorCheck, SecondFactorProof } from '../../commands/mfa/secondFactorPorts';
import { unauthorized } from '../../domain/shared/domainError';
import type { EventMetadata } from '../../ports/eventStore';
import type { ConsentTokens } from './consentTokens';
import type { ConsentForm } from './protocolSchemas';

export type SignInOutcome =
  | { kind: 'signed_in'; userId: string }
  /** The password was right and the user has a second factor: the page asks for it, carrying this token. */
  | { kind: 'second_factor'; signInToken: string };

/** A form field a browser sent empty counts as left out. */
const given = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

function proofOf(form: ConsentForm): SecondFactorProof | null {
  const code = given(form.code);
  const recoveryCode = given(form.recovery_code);
  if (code === undefined && recoveryCode === undefined) return null;
  return code !== undefined ? { code } : { recoveryCode };
}

/**
 * Signs in the user on the consent form: their password, then, when they have a second factor, a code
 * (TOTP or recovery code) given with it or on the page shown next. Refusals are DomainErrors: 401 (wrong
 * password or code, a sign-in gone stale), 429 while the user's second factor is locked out.
 */
export class ConsentSignIn {
  constructor(
    private readonly passwords: PasswordCheck,
    private readonly secondFactor: SecondFactorCheck,
    private readonly tokens: ConsentTokens,
  ) {}

  async signIn(form: ConsentForm, metadata: EventMetadata): Promise<SignInOutcome> {
    const signInToken = given(form.sign_in_token);
    if (signInToken !== undefined) {
      const userId = await this.tokens.openSignIn(signInToken, form.request_token);
      if (!userId) throw unauthorized('the sign-in has expired; sign in again');
      return this.withSecondFactor(userId, signInToken, form, metadata);
    }
    const username = given(form.username);
    const password = given(form.password);
    if (username === undefined || password === undefined) throw unauthorized('enter your username or email and your password');
    const checked = await this.passwords.check({ username, password });
    if (!checked.mfaRequired) return { kind: 'signed_in', userId: checked.userId };
    return this.withSecondFactor(checked.userId, await this.tokens.signSignIn(checked.userId, form.request_token), form, metadata);
  }

  private async withSecondFactor(userId: string, signInToken: string, form: ConsentForm, metadata: EventMetadata): Promise<SignInOutcome> {
    const proof = proofOf(form);
    if (proof === null) return { kind: 'second_factor', signInToken };
    await this.secondFactor.verify(userId, proof, null, { ...metadata, actor: userId });
    return { kind: 'signed_in', userId };
  }
}
