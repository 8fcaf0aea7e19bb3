import { topicFor } from '../../dispatch/cloudEvents';
import { fileEvent } from '../../domain/file/fileEvents';
import { folderEvent } from '../../domain/folder/folderEvents';
import { linkEvent, LINK_CATEGORY } from '../../domain/link/linkEvents';
import { tokenEvent } from '../../domain/token/tokenEvents';
import { userEvent } from '../../domain/user/userEvents';
import { WEBHOOK_CATEGORY, webhookEvent } from '../../domain/webhook/webhookEvents';

interface EventUnion {
  options: readonly { shape: { type: { value: string } } }[];
}

/** The categories whose streams hold public events (downloads are published under `file`), with their event types. */
export const PUBLIC_EVENT_SOURCES: ReadonlyArray<readonly [category: string, events: EventUnion]> = [
  ['user', userEvent],
  ['file', fileEvent],
  ['folder', folderEvent],
  ['token', tokenEvent],
  [LINK_CATEGORY, linkEvent],
  [WEBHOOK_CATEGORY, webhookEvent],
];

export const eventTypesOf = (events: EventUnion): string[] => events.options.map((option) => option.shape.type.value);

/** The topics the fan-out consumes: `filora.<category>.v1` of every category with public events. */
export const WEBHOOK_SOURCE_TOPICS: readonly string[] = PUBLIC_EVENT_SOURCES.map(([category]) => topicFor(category));
