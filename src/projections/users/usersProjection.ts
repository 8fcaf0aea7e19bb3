import { userEvent } from '../../domain/user/userEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { Document, ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';

export const USERS = 'users';

export interface UserView extends Document {
  username: string;
  username_lower: string;
  email: string;
  email_lower: string;
  display_name: string;
  /** Lowercased username and display name, for search. */
  search_text: string;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

const lower = (value: string) => value.normalize('NFKC').toLowerCase();

async function patchUser(tx: ReadStore, userId: string, at: string, fields: Partial<UserView>): Promise<void> {
  const current = await tx.get<UserView>(USERS, userId);
  if (!current) throw new Error(`user ${userId} has no read model row: events out of order`);
  const next = { ...current, ...fields, updated_at: at };
  await tx.upsert(USERS, { ...next, search_text: `${lower(next.username)} ${lower(next.display_name)}` });
}

export const usersProjection: Projection = {
  name: 'users',
  version: 1,
  collections: [USERS],
  handles: userEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    // Uniqueness is enforced by the write side's claims; a read model must never refuse an event.
    await store.ensureIndex(USERS, { fields: [['username_lower', 1]] });
    await store.ensureIndex(USERS, { fields: [['email_lower', 1]] });
  },

  async apply(recorded: RecordedEvent, tx: ReadStore) {
    const event = userEvent.parse({ type: recorded.type, data: recorded.data });
    const at = recorded.createdAt.toISOString();
    switch (event.type) {
      case 'UserRegistered': {
        const { userId, username, email, displayName } = event.data;
        const view: UserView = {
          _id: userId,
          username,
          username_lower: lower(username),
          email,
          email_lower: lower(email),
          display_name: displayName,
          search_text: `${lower(username)} ${lower(displayName)}`,
          created_at: at,
          updated_at: at,
          last_login_at: null,
        };
        return tx.upsert(USERS, view);
      }
      case 'UserLoggedIn':
        return void (await tx.patch(USERS, event.data.userId, { $set: { last_login_at: at } }));
      case 'UserProfileChanged':
        return patchUser(tx, event.data.userId, at, { display_name: event.data.displayName });
      case 'UsernameChanged':
        return patchUser(tx, event.data.userId, at, { username: event.data.username, username_lower: lower(event.data.username) });
      case 'EmailChanged':
        return patchUser(tx, event.data.userId, at, { email: event.data.email, email_lower: lower(event.data.email) });
      case 'PasswordChanged':
        return patchUser(tx, event.data.userId, at, {});
    }
  },
};
