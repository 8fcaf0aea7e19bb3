import type { OAuthAccessTokens, OAuthClients, OAuthGrants } from '../../commands/oauth/oauthPorts';
import type { PasswordCheck, SecondFactorCheck } from '../../commands/mfa/secondFactorPorts';
import type { Logger } from '../../ports/logger';
import type { ReadStore } from '../../ports/readStore';
import type { ConsentTokens } from './consentTokens';
import type { OAuthProtocolPorts } from './oauthModel';

/** What the protocol endpoints use of the API's services. */
export interface OAuthProtocolServices {
  oauthClients: OAuthClients;
  oauthGrants: OAuthGrants;
  oauthAccessTokens: OAuthAccessTokens;
  /** The consent form's sign-in: the password, then the second factor when the user has one. */
  passwordCheck: PasswordCheck;
  secondFactor: SecondFactorCheck;
  oauthConsent: ConsentTokens;
  readStore: ReadStore;
  logger: Logger;
  limits: { jsonBodyBytes: number };
}

export const protocolPorts = (services: OAuthProtocolServices): OAuthProtocolPorts => ({
  clients: services.oauthClients,
  grants: services.oauthGrants,
  accessTokens: services.oauthAccessTokens,
});
