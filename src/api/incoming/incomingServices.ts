import type { IncomingWebhookCommands } from '../../commands/incoming/incomingWebhookCommands';
import type { IncomingCalls, IncomingCommandRunner } from '../../incoming/incomingPorts';
import type { WebhookSecretBox } from '../../security/webhookSecrets';

/** What the incoming webhook routes call (issue 13): management, the call log, the runner of mapped commands. */
export interface IncomingServices {
  commands: IncomingWebhookCommands;
  calls: IncomingCalls;
  runner: IncomingCommandRunner;
  /** Opens hooks' sealed verification secrets, to check calls' signatures. */
  secrets: Pick<WebhookSecretBox, 'open'>;
}
