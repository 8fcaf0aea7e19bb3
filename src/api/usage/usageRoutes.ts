import type { ApiServices } from '../apiServices';
import type { Route } from '../http/route';
import { integrationStatsRoute } from './integrationStatsRoute';
import { tokenLogsRoute } from './tokenLogsRoute';

/** The usage log's routes: a token's request log, and the caller's usage statistics. */
export const usageRoutes = (services: ApiServices): Route[] => [tokenLogsRoute(services), integrationStatsRoute(services)];
