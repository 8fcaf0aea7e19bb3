import { notFound } from '../../domain/shared/domainError';
import type { NameClaims } from '../claims/nameClaims';

/**
 * The id of the user who holds `username`, for operators' commands. The username claim is the write
 * side's index of usernames: no read model has to have caught up. An unknown name is not_found.
 */
export async function userIdByUsername(claims: NameClaims, username: string): Promise<string> {
  const userId = await claims.holderOf('username', username);
  if (userId === null) throw notFound(`no user is named ${username}`);
  return userId;
}
