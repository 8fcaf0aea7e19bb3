import { z } from 'zod';
import { oauthGrantGiven, oauthGrantRevoked, oauthTokenFamilyRevoked, oauthTokenIssued } from '../../domain/oauth/oauthGrantEvents';
import type { Document } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';

export const OAUTH_GRANTS = 'oauth_grants';

/** Families a row keeps; beyond that the ones whose refresh tokens expire first are forgotten (the count is then a floor). */
export const MAX_FAMILIES_KEPT = 200;

/** A token family whose refresh token had not expired when the row was last written. */
interface LiveFamily {
  id: string;
  expires_at: string;
}

/** What a user allowed an app, as `GET /oauth/grants` shows it; app names are read from oauth_apps when answered. */
export interface OAuthGrantView extends Document {
  user_id: string;
  app_id: string;
  scopes: string[];
  /** The consent that started the grant (a consent after a revocation starts a new one). */
  created_at: string;
  updated_at: string;
  /** When the app last got tokens (a code redeemed or a refresh). */
  last_used_at: string | null;
  families: LiveFamily[];
  revoked_at: string | null;
}

const grantsEvent = z.discriminatedUnion('type', [oauthGrantGiven, oauthTokenIssued, oauthTokenFamilyRevoked, oauthGrantRevoked]);
type GrantsEvent = z.infer<typeof grantsEvent>;

/** The families still live at `at`, with `family` put in (a rotation moves its expiry on), bounded. */
function withFamily(families: readonly LiveFamily[], family: LiveFamily, at: string): LiveFamily[] {
  const now = Date.parse(at);
  const others = families.filter((each) => each.id !== family.id && Date.parse(each.expires_at) > now);
  return [family, ...others].sort((a, b) => Date.parse(b.expires_at) - Date.parse(a.expires_at)).slice(0, MAX_FAMILIES_KEPT);
}

function evolveGrant(view: OAuthGrantView | null, event: GrantsEvent, at: string): OAuthGrantView | null {
  switch (event.type) {
    case 'OAuthGrantGiven': {
      const { grantId, userId, appId, scopes } = event.data;
      if (view && view.revoked_at === null) return { ...view, scopes, updated_at: at };
      return {
        _id: grantId,
        user_id: userId,
        app_id: appId,
        scopes,
        created_at: at,
        updated_at: at,
        last_used_at: null,
        families: [],
        revoked_at: null,
      };
    }
    case 'OAuthTokenIssued': {
      if (!view) return null;
      const family = { id: event.data.familyId, expires_at: event.data.refreshExpiresAt };
      return { ...view, families: withFamily(view.families, family, at), last_used_at: at, updated_at: at };
    }
    case 'OAuthTokenFamilyRevoked':
      return view && { ...view, families: view.families.filter((family) => family.id !== event.data.familyId), updated_at: at };
    case 'OAuthGrantRevoked':
      return view && { ...view, families: [], revoked_at: at, updated_at: at };
  }
}

/** Live families of a grant at `now`: those not revoked whose refresh token has not expired. */
export const activeFamilies = (view: OAuthGrantView, now: Date): number =>
  view.families.filter((family) => Date.parse(family.expires_at) > now.getTime()).length;

export const oauthGrantsProjection = documentProjection<GrantsEvent, OAuthGrantView>({
  name: 'oauth_grants',
  version: 1,
  collection: OAUTH_GRANTS,
  handles: grantsEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(OAUTH_GRANTS, {
      fields: [
        ['user_id', 1],
        ['revoked_at', 1],
        ['created_at', -1],
        ['_id', -1],
      ],
    });
    await store.ensureIndex(OAUTH_GRANTS, {
      fields: [
        ['app_id', 1],
        ['revoked_at', 1],
      ],
    });
  },
  parse: (event) => grantsEvent.parse(event),
  key: (event) => event.data.grantId,
  evolve: evolveGrant,
});
