import type { Actor } from '../../src/domain/access/accessPolicy';
import type { Scope } from '../../src/domain/access/scopes';
import { ALL_SCOPES } from '../../src/domain/access/scopes';

/** A user acting through a login session (every scope), or through a token with the scopes given. */
export const actorOf = (userId: string, scopes: ReadonlySet<Scope> = ALL_SCOPES): Actor => ({ userId, scopes });
