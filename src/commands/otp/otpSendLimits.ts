/** One code about to be sent: to whom it is for and where it goes (the destination's keyed hash). */
export interface OtpSendSlot {
  userId: string;
  destinationHash: string;
}

/**
 * Codes counted outside the event log, shared by every API replica, before a message goes out: per user
 * (concurrent sends must not deliver more than the limit; the decider's check, made only at the append,
 * stays the durable rule) and per destination (someone with many accounts must not flood one phone).
 */
export interface OtpSendLimits {
  /** Counts one code for the user and one for the destination; past either limit, refuses with tooManyAttempts and counts neither. */
  take(slot: OtpSendSlot, now: Date): Promise<void>;
}
