import { oauthGrantDecider } from '../../domain/oauth/oauthGrantDecider';
import { OAUTH_GRANT_CATEGORY, oauthGrantEvent } from '../../domain/oauth/oauthGrantEvents';
import { aggregate } from '../aggregates';

/** What a user allowed an app, `oauthgrant-<grant id>`: its codes and token families (OAuthGrantCommands, LiveGrants). */
export const oauthGrantAggregate = aggregate(OAUTH_GRANT_CATEGORY, oauthGrantEvent, oauthGrantDecider);
