/**
 * What every token route shares: managed through a login session only, and served at the canonical path
 * below /api/v1 and at the seeds' paths for the same operation (VRTX, the Filora integrations seed).
 */
export const tokenRoute = (suffix = '') => ({
  path: `/tokens${suffix}`,
  aliases: [`/api-keys${suffix}`, `/api/integrations/tokens${suffix}`],
  tag: 'tokens',
  access: 'session' as const,
});
