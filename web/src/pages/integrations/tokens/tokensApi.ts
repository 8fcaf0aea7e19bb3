import { api } from '../../../api/client';
import type { ApiToken, IssuedApiToken, TokenSettings } from './types';

/** The token endpoints the console calls (the list and the log go through usePagedList). */
export const tokensApi = {
  get: (id: string, signal?: AbortSignal) => api<ApiToken>('GET', `/tokens/${encodeURIComponent(id)}`, { signal }),
  create: (settings: Partial<TokenSettings>) => api<IssuedApiToken>('POST', '/tokens', { body: settings }),
  update: (id: string, settings: Partial<TokenSettings>) => api<ApiToken>('PATCH', `/tokens/${encodeURIComponent(id)}`, { body: settings }),
  regenerate: (id: string) => api<IssuedApiToken>('POST', `/tokens/${encodeURIComponent(id)}/regenerate`),
  revoke: (id: string) => api<ApiToken>('POST', `/tokens/${encodeURIComponent(id)}/revoke`),
};

/** Realtime events that change a token list or page. */
export const isTokenEvent = (item: { type: string }) => item.type.startsWith('token.');
