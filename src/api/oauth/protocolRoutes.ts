import type { Route } from '../http/route';
import { authorizeRoutes } from './authorizeRoutes';
import type { OAuthProtocolServices } from './protocolServices';
import { revocationEndpointRoute } from './revocationEndpoint';
import { tokenEndpointRoute } from './tokenEndpoint';

/** The OAuth 2.0 protocol endpoints below the API base (the metadata is a root route: serverMetadata.ts). */
export const oauthProtocolRoutes = (services: OAuthProtocolServices): Route[] => [
  ...authorizeRoutes(services),
  tokenEndpointRoute(services),
  revocationEndpointRoute(services),
];
