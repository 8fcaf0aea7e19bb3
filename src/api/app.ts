import express from 'express';
import { digestJsonBody } from './http/idempotency/bodyDigest';
import type { Express } from 'express';
import type { ApiServices } from './apiServices';
import { analyticsRoutes } from './analytics/analyticsRoutes';
import { auditRoutes } from './audit/auditRoutes';
import { authenticate } from './auth/authenticate';
import { downloadRoute } from './files/downloadRoute';
import { fileRoutes } from './files/fileRoutes';
import { historyRoute } from './files/historyRoute';
import { uploadRoutes } from './files/uploadRoutes';
import { folderRoutes } from './folders/folderRoutes';
import { docsRoutes } from './docs/docsRoutes';
import { indexRoute } from './docs/indexRoute';
import { buildAsyncApi } from './docs/asyncApi';
import { openApiWebhooks } from './docs/webhookDocs';
import { metricsRoute } from './metrics/metricsRoute';
import { httpMetrics } from './http/httpMetrics';
import { healthRoutes } from './health/healthRoutes';
import { linkRoutes } from './links/linkRoutes';
import { publicLinkRoutes } from './links/publicLinkRoutes';
import { accessLog } from './http/accessLog';
import { ApiError } from './http/apiError';
import { errorHandler } from './http/errorHandler';
import { mountRoutes } from './http/mountRoutes';
import { buildOpenApi } from './http/openApi/buildOpenApi';
import { RateLimiter } from './http/rateLimiter';
import { UserPlans } from './http/rateLimit/userPlans';
import { requestId } from './http/requestId';
import { PUBLIC_ORIGIN_SETTING } from './http/requestOrigin';
import type { Route } from './http/route';
import { API_BASE, isOutsideApiBase, SEED_API_BASE, withAliases } from './http/route';
import { authRoutes } from './users/authRoutes';
import { mfaRoutes } from './mfa/mfaRoutes';
import { otpRoutes } from './otp/otpRoutes';
import { shareCommandRoutes } from './shares/shareCommandRoutes';
import { shareQueryRoutes } from './shares/shareQueryRoutes';
import { statsRoutes } from './stats/statsRoutes';
import { streamRoute } from './sync/streamRoute';
import { syncRoutes } from './sync/syncRoutes';
import { tokenRoutes } from './tokens/tokenRoutes';
import { recordUsage } from './usage/recordUsage';
import { usageRoutes } from './usage/usageRoutes';
import { userRoutes } from './users/userRoutes';
import { webhookRoutes } from './webhooks/webhookRoutes';
import { oauthAppRoutes } from './oauth/oauthAppRoutes';
import { oauthGrantRoutes } from './oauth/oauthGrantRoutes';
import { oauthProtocolRoutes } from './oauth/protocolRoutes';
import { serverMetadataRoute } from './oauth/serverMetadata';
import { receiveRoute } from './incoming/receiveRoute';
import { incomingWebhookRoutes } from './incoming/incomingWebhookRoutes';
import { dryRunRoute } from './incoming/dryRunRoute';
import { callLogRoutes } from './incoming/callLogRoutes';
import { deliveryRoutes } from './webhooks/deliveryRoutes';
import { replayRoute } from './webhooks/replayRoute';
import { webhookTestRoute } from './webhooks/testRoute';
import { consoleRoutes } from '../web/consoleRoutes';

export interface Api {
  app: Express;
  /** The route table below /api/v1, and the seeds' aliases outside it (full `/api/...` paths). */
  routes: readonly Route[];
  /** Routes served outside /api/v1 (`root`): the index and the health checks, before authentication and rate limits. */
  rootRoutes: readonly Route[];
}

export function createApi(services: ApiServices): Api {
  const routes = withAliases([
    ...authRoutes(services),
    ...mfaRoutes(services),
    ...otpRoutes(services),
    ...userRoutes(services),
    ...uploadRoutes(services),
    ...fileRoutes(services),
    downloadRoute(services),
    historyRoute(services),
    ...folderRoutes(services),
    ...statsRoutes(services),
    ...shareQueryRoutes(services),
    ...shareCommandRoutes(services),
    ...analyticsRoutes(services),
    ...tokenRoutes(services),
    ...oauthAppRoutes(services),
    ...oauthGrantRoutes(services),
    ...oauthProtocolRoutes(services),
    ...usageRoutes(services),
    ...auditRoutes(services),
    ...syncRoutes(services),
    streamRoute(services),
    ...linkRoutes(services),
    ...publicLinkRoutes(services),
    // Before the webhook routes: /webhooks/incoming/{token} is not a webhook id.
    receiveRoute(services),
    ...webhookRoutes(services),
    ...deliveryRoutes(services),
    replayRoute(services),
    webhookTestRoute(services),
    ...incomingWebhookRoutes(services),
    ...callLogRoutes(services),
    dryRunRoute(services),
  ]);
  const rootRoutes = [indexRoute(), ...healthRoutes(services), metricsRoute(services.metrics), serverMetadataRoute()];
  const openApi = buildOpenApi([...rootRoutes, ...routes], { title: 'Filora API', version: '1.0.0' }, openApiWebhooks);
  const asyncApi = buildAsyncApi({ title: 'Filora event topics', version: '1.0.0' });
  const rateLimiter = new RateLimiter(
    services.limits.rate,
    services.rateLimitCounters,
    new UserPlans(services.readStore, services.limits.rate.defaultPlan),
    services.logger.child({ component: 'rate-limit' }),
  );

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only as far as FILORA_TRUST_PROXY says (see config.ts).
  app.set('trust proxy', services.limits.trustProxy);
  if (services.publicOrigin !== null) app.set(PUBLIC_ORIGIN_SETTING, services.publicOrigin);
  app.set('query parser', 'simple');
  app.use(requestId);
  app.use(accessLog(services.logger.child({ component: 'http' }), httpMetrics(services.metrics)));
  app.use(recordUsage(services.usage));
  const routeDependencies = {
    progress: services.progress,
    readWaitMaxMs: services.limits.readWaitMaxMs,
    logger: services.logger,
    headPosition: () => services.eventStore.headPosition(),
    jsonBody: express.json({ limit: services.limits.jsonBodyBytes, strict: true, type: 'application/json', verify: digestJsonBody }),
    idempotencyKeys: services.idempotencyKeys,
  };
  app.use(consoleRoutes(services.console));
  const root = express.Router();
  mountRoutes(root, rootRoutes, routeDependencies);
  app.use(root);

  // Every API path goes through the same authentication and rate limits, whichever base it is served below.
  const apiRouter = (served: readonly Route[], extras?: (router: express.Router) => void) => {
    const router = express.Router();
    const { accessTokens, liveSessions: sessions, liveTokens: tokens, oauthAccessTokens: oauthTokens, liveGrants: grants } = services;
    router.use(authenticate({ accessTokens, sessions, tokens, oauthTokens, grants }));
    router.use(rateLimiter.middleware(served));
    extras?.(router);
    mountRoutes(router, served, routeDependencies);
    // Ends here: a request below the base that matched nothing must not reach the next base's stack.
    router.use((req, _res, next) => next(new ApiError('not_found', `no route for ${req.method} ${req.originalUrl.split('?')[0]}`)));
    return router;
  };
  const versioned = apiRouter(
    routes.filter((served) => !isOutsideApiBase(served)),
    (router) => {
      router.get('/openapi.json', (_req, res) => {
        res.json(openApi);
      });
      router.get('/asyncapi.json', (_req, res) => {
        res.json(asyncApi);
      });
      router.use(docsRoutes());
    },
  );
  const seedPaths = routes.filter(isOutsideApiBase).map((served) => ({ ...served, path: served.path.slice(SEED_API_BASE.length) }));
  app.use(API_BASE, versioned);
  if (seedPaths.length > 0) app.use(SEED_API_BASE, apiRouter(seedPaths));

  app.use((req, _res, next) => next(new ApiError('not_found', `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(services.logger));
  return { app, routes, rootRoutes };
}
