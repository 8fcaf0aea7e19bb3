import { oauthAppDecider } from '../../domain/oauth/oauthAppDecider';
import { OAUTH_APP_CATEGORY, oauthAppEvent } from '../../domain/oauth/oauthAppEvents';
import { aggregate } from '../aggregates';

/** OAuth apps (clients), `oauthapp-<client id>`: commanded by their owner, read by the protocol (EventSourcedOAuthClients). */
export const oauthAppAggregate = aggregate(OAUTH_APP_CATEGORY, oauthAppEvent, oauthAppDecider);
