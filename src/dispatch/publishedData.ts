import { redactSecrets } from '../domain/publicEvents';
import { withoutPersonalData } from '../domain/usage/usageEvents';
import type { RecordedEvent } from '../ports/eventStore';

type Shape = (data: Record<string, unknown>) => Record<string, unknown>;

/** Events whose data is published in a narrower form than it is stored. */
const PUBLISHED_SHAPES: Readonly<Record<string, Shape>> = {
  // Usage records feed analytics topics; the caller's address and user agent stay in the platform.
  UsageRecorded: withoutPersonalData,
  // Where a one-time code was sent, even masked, is the user's contact data: consumers learn only that one was sent.
  OtpCodeSent: ({ destination: _destination, ...data }) => data,
};

/** An event's data as it leaves the platform: without secrets, and narrowed where PUBLISHED_SHAPES says. */
export function publishedData(event: RecordedEvent): Record<string, unknown> {
  const data = redactSecrets(event.data);
  return PUBLISHED_SHAPES[event.type]?.(data) ?? data;
}
