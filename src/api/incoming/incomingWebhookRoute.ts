/** What every incoming webhook management route shares (CRUD, token, logs, dry run): the path below /api/v1 and the `webhooks.manage` scope. */
export const incomingWebhookRoute = (suffix = '') => ({
  path: `/incoming-webhooks${suffix}`,
  tag: 'incoming webhooks',
  access: 'webhooks.manage' as const,
});
