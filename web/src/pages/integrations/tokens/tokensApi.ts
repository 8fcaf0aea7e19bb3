import { api } from '../../../api/client';
import type { ApiToken, IssuedApiTokenAnswer, NewSecret, TokenSettings } from './types';

/** A 202 (the read models behind) carries the secret and the id but not the token: its name is the one we know. */
const newSecretOf = (answer: IssuedApiTokenAnswer, tokenName: string): NewSecret =>
  'token' in answer
    ? { secret: answer.secret, tokenId: answer.token.id, tokenName: answer.token.name }
    : { secret: answer.secret, tokenId: answer.id, tokenName };

/** The token endpoints the console calls (the list and the log go through usePagedList). */
export const tokensApi = {
  get: (id: string, signal?: AbortSignal) => api<ApiToken>('GET', `/tokens/${encodeURIComponent(id)}`, { signal }),
  create: async (settings: TokenSettings) =>
    newSecretOf(await api<IssuedApiTokenAnswer>('POST', '/tokens', { body: settings }), settings.name),
  update: (id: string, settings: TokenSettings) => api<ApiToken>('PATCH', `/tokens/${encodeURIComponent(id)}`, { body: settings }),
  regenerate: async (token: ApiToken) =>
    newSecretOf(await api<IssuedApiTokenAnswer>('POST', `/tokens/${encodeURIComponent(token.id)}/regenerate`), token.name),
  revoke: (id: string) => api<ApiToken>('POST', `/tokens/${encodeURIComponent(id)}/revoke`),
};

/** Realtime events that change a token list or page. */
export const isTokenEvent = (item: { type: string }) => item.type.startsWith('token.');
