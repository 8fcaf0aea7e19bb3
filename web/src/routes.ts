/** Every address of the console, in one place: pages link with these, the router matches them. */
export const BASE = '/app';

export const paths = {
  signIn: `${BASE}/sign-in`,
  register: `${BASE}/register`,
  files: `${BASE}/files`,
  folder: (folderId: string) => `${BASE}/files/folders/${folderId}`,
  file: (fileId: string) => `${BASE}/files/${fileId}`,
  sharing: `${BASE}/shared`,
  security: `${BASE}/settings/security`,
  integrations: `${BASE}/settings/integrations`,
  tokens: `${BASE}/settings/integrations/tokens`,
  token: (tokenId: string) => `${BASE}/settings/integrations/tokens/${tokenId}`,
  webhooks: `${BASE}/settings/integrations/webhooks`,
  webhook: (webhookId: string) => `${BASE}/settings/integrations/webhooks/${webhookId}`,
  delivery: (webhookId: string, deliveryId: string) => `${BASE}/settings/integrations/webhooks/${webhookId}/deliveries/${deliveryId}`,
  incomingWebhooks: `${BASE}/settings/integrations/incoming`,
  incomingWebhook: (hookId: string) => `${BASE}/settings/integrations/incoming/${hookId}`,
  usage: `${BASE}/settings/integrations/usage`,
  publicLink: (token: string) => `${BASE}/l/${token}`,
} as const;

/** Pages anyone may open; every other page asks to sign in first. */
export const PUBLIC_PATHS: readonly string[] = [paths.signIn, paths.register];

/** Pages for everyone alike, signed in or not (a public link's page): never redirected. */
export const isOpenToAll = (path: string): boolean => path.startsWith(`${BASE}/l/`);
