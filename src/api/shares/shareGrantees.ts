import { canonicalName } from '../../commands/claims/canonicalName';
import type { ReadStore } from '../../ports/readStore';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';

/** A user a share request names, by username or by email, and who that is (null: no such user). */
export interface NamedUser {
  username?: string;
  email?: string;
  user: UserView | null;
}

/** The users with these names, by `field` (a lowercased column), in one `$in`. */
async function usersBy(
  readStore: ReadStore,
  field: 'username_lower' | 'email_lower',
  names: readonly string[],
): Promise<Map<string, UserView>> {
  const keys = [...new Set(names.map(canonicalName))];
  if (keys.length === 0) return new Map();
  const users = await readStore.find<UserView>(USERS, { [field]: { $in: keys } }, { limit: keys.length });
  return new Map(users.map((user) => [user[field], user]));
}

/** Finds each named user (case-insensitive, as they were registered), in the order named, each name once. */
export async function resolveNamedUsers(
  readStore: ReadStore,
  usernames: readonly string[],
  emails: readonly string[],
): Promise<NamedUser[]> {
  const [byUsername, byEmail] = await Promise.all([
    usersBy(readStore, 'username_lower', usernames),
    usersBy(readStore, 'email_lower', emails),
  ]);
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && Boolean(seen.add(key));
  return [
    ...usernames
      .filter((username) => once(`u:${canonicalName(username)}`))
      .map((username) => ({ username, user: byUsername.get(canonicalName(username)) ?? null })),
    ...emails
      .filter((email) => once(`e:${canonicalName(email)}`))
      .map((email) => ({ email, user: byEmail.get(canonicalName(email)) ?? null })),
  ];
}
