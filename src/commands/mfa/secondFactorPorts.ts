import type { EventMetadata, Position } from '../../ports/eventStore';
import type { OtpChannel } from '../../domain/user/userEvents';
import type { Credentials } from '../auth/sessions';

/** A user's password checked without starting a session (the OAuth consent form signs in with it). */
export interface PasswordCheck {
  /**
   * The user for right credentials, with whether a second factor is required and the credentials version the
   * password was checked at; 401 otherwise, in the same time either way.
   */
  check(credentials: Credentials): Promise<{ userId: string; mfaRequired: boolean; credentialsVersion: number }>;
}

/** A TOTP code or a recovery code, as the second step of a login or of the OAuth consent. */
export interface SecondFactorProof {
  code?: string;
  recoveryCode?: string;
}

export interface SecondFactorCheck {
  /**
   * Accepts the proof once (UserAuthenticated, with `sessionId` for a login) or refuses it: 401 with
   * MfaFailed appended, 429 with Retry-After while the user is locked out.
   */
  verify(userId: string, proof: SecondFactorProof, sessionId: string | null, metadata: EventMetadata): Promise<Position>;
}

export interface SentOtp {
  otpId: string;
  method: OtpChannel;
  /** Masked for display: `a***@example.com`, `+4*******89`. */
  destination: string;
  expiresAt: Date;
  position: Position;
}

/** Six-digit codes sent by email or SMS: 10 minutes, single use, rate limited per user and per destination. */
export interface OtpCodes {
  /** 400 for a channel the operator did not configure; 429 when rate limited; 503 when the server refused the message or could not be reached. */
  send(userId: string, input: { method: OtpChannel; phone?: string }, metadata: EventMetadata): Promise<SentOtp>;
  /** Spends the newest matching unexpired code of the channel: 401 with MfaFailed appended, 429 while locked out. */
  verify(userId: string, method: OtpChannel, code: string, metadata: EventMetadata): Promise<Position>;
}
