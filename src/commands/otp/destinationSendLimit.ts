/**
 * Codes sent to one email address or phone number, whichever users ask for them (someone with many
 * accounts must not flood one phone). Counted outside the event log, shared by every API replica.
 */
export interface DestinationSendLimit {
  /** Counts one code to the destination (its keyed hash); refuses with tooManyAttempts past the limit. */
  take(destinationHash: string, now: Date): Promise<void>;
}
