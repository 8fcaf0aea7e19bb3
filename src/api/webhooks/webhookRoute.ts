/**
 * What every webhook route shares (management, deliveries, test, replay): the `webhooks.manage` scope, and
 * the canonical path below /api/v1 served also at the Filora seed's `/api/integrations/webhooks`.
 */
export const webhookRoute = (suffix = '') => ({
  path: `/webhooks${suffix}`,
  aliases: [`/api/integrations/webhooks${suffix}`],
  tag: 'webhooks',
  access: 'webhooks.manage' as const,
});
