/** GET/PATCH /users/me (CurrentUser): the fields this page shows. */
export interface CurrentUser {
  id: string;
  username: string;
  email: string;
  display_name: string;
  created_at: string;
  mfa_enabled: boolean;
}

/** GET /auth/mfa (MfaStatus). */
export interface MfaStatus {
  totp: {
    enabled: boolean;
    /** An enrollment begun and not yet confirmed. */
    pending: boolean;
    enrolled_at: string | null;
  };
  recovery_codes_remaining: number;
}

/** POST /auth/mfa/totp (TotpEnrollment): the secret is never shown again. */
export interface TotpEnrollment {
  secret: string;
  otpauth_uri: string;
  /** An SVG document. */
  qr_svg: string;
}

/** POST /auth/mfa/totp/confirm and /auth/mfa/recovery-codes (RecoveryCodes). */
export interface RecoveryCodes {
  recovery_codes: string[];
}
