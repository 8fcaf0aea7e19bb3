import { publishedStream } from '../../../../src/dispatch/publishedStream';
import { INTERNAL_CATEGORIES, PUBLIC_EVENT_NAMES } from '../../../../src/domain/publicEvents';
import { eventTypesOf, PUBLIC_EVENT_SOURCES, WEBHOOK_SOURCE_TOPICS } from '../../../../src/webhooks/dispatcher/webhookSourceTopics';

describe('the topics the webhook fan-out consumes', () => {
  it('carry every public event type', () => {
    const covered = new Set(PUBLIC_EVENT_SOURCES.flatMap(([, events]) => eventTypesOf(events)));

    expect(Object.keys(PUBLIC_EVENT_NAMES).filter((type) => !covered.has(type))).toEqual([]);
  });

  it('are the public topics of published categories, never an internal one', () => {
    for (const [category] of PUBLIC_EVENT_SOURCES) {
      expect(INTERNAL_CATEGORIES.has(category)).toBe(false);
      expect(publishedStream(`${category}-x`).category).toBe(category);
    }
    expect(WEBHOOK_SOURCE_TOPICS).toContain('filora.file.v1');
    expect(WEBHOOK_SOURCE_TOPICS).toContain('filora.webhook.v1');
  });
});
