/** How long a one-time code can be used (issue 15: 10 minutes). */
export const OTP_TTL_MS = 10 * 60_000;

/**
 * Codes one user may be sent within the window, whatever the channel and destination. Derived from the
 * user's events, so it holds across API replicas. The window outlasts a code, so every code still
 * usable is among the last OTP_SEND_LIMIT sent: the decider keeps no more than those.
 */
export const OTP_SEND_LIMIT = 5;
export const OTP_SEND_WINDOW_MS = 15 * 60_000;

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PHONE = /^\+[1-9]\d{6,14}$/;
