import type { ReadStore } from '../../ports/readStore';
import type { TokenView } from './tokensProjection';
import { TOKENS } from './tokensProjection';

/** The user's token, or null for one that does not exist or is someone else's (answered alike: 404). */
export async function findOwnedToken(readStore: ReadStore, ownerId: string, tokenId: string): Promise<TokenView | null> {
  const token = await readStore.get<TokenView>(TOKENS, tokenId);
  return token?.owner_id === ownerId ? token : null;
}

/** The token a secret belongs to, found by the secret's hash. */
export async function findTokenBySecretHash(readStore: ReadStore, secretHash: string): Promise<TokenView | null> {
  const [token] = await readStore.find<TokenView>(TOKENS, { secret_hash: secretHash }, { limit: 1 });
  return token ?? null;
}
