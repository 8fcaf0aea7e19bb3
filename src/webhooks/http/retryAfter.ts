const DELAY_SECONDS = /^\d+$/;
/** IMF-fixdate, and the obsolete RFC 850 and asctime forms, all start with the day's name. */
const HTTP_DATE = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,? /i;

/**
 * A `Retry-After` value in ms from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past
 * is 0. Null when absent or unreadable. Bounding it is the retry schedule's business, not the sender's.
 */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (DELAY_SECONDS.test(text)) return Number(text) * 1000;
  const at = HTTP_DATE.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
