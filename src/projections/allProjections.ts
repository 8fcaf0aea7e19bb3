import { accessProjection } from './access/accessProjection';
import { analyticsProjection } from './analytics/analyticsProjection';
import { blobRefsProjection } from './blobs/blobRefsProjection';
import { deliveriesProjection } from './deliveries/deliveriesProjection';
import { webhookHealthProjection } from './deliveries/webhookHealthProjection';
import { feedClockProjection } from './feedClock/feedClockProjection';
import { filesProjection } from './files/filesProjection';
import { fileVersionsProjection } from './files/fileVersionsProjection';
import { foldersProjection } from './folders/foldersProjection';
import { incomingCallsProjection } from './incoming/incomingCallsProjection';
import { incomingWebhooksProjection } from './incoming/incomingWebhooksProjection';
import { publicLinksProjection } from './links/publicLinksProjection';
import { oauthAppsProjection } from './oauth/oauthAppsProjection';
import { oauthGrantsProjection } from './oauth/oauthGrantsProjection';
import type { Projection } from './projection';
import { sessionsProjection } from './sessions/sessionsProjection';
import { storageStatsProjection } from './stats/storageStatsProjection';
import { tokensProjection } from './tokens/tokensProjection';
import { tokenUsageProjection } from './usage/tokenUsageProjection';
import { usageRequestsProjection } from './usage/usageRequestsProjection';
import { usageStatsProjection } from './usage/usageStatsProjection';
import { usersProjection } from './users/usersProjection';
import { webhooksProjection } from './webhooks/webhooksProjection';

/** Every read model of the platform; the runner, rebuild and /ready all take this list. */
export const allProjections: readonly Projection[] = [
  usersProjection,
  filesProjection,
  fileVersionsProjection,
  foldersProjection,
  storageStatsProjection,
  analyticsProjection,
  blobRefsProjection,
  sessionsProjection,
  tokensProjection,
  usageRequestsProjection,
  usageStatsProjection,
  tokenUsageProjection,
  publicLinksProjection,
  accessProjection,
  feedClockProjection,
  webhookHealthProjection,
  deliveriesProjection,
  webhooksProjection,
  incomingCallsProjection,
  incomingWebhooksProjection,
  oauthAppsProjection,
  oauthGrantsProjection,
];
