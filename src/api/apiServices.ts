import type { Sessions } from '../commands/auth/sessions';
import type { RegisterUser } from '../commands/users/registerUser';
import type { UpdateProfile } from '../commands/users/updateProfile';
import type { EventStore } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import type { ProjectionProgress } from '../projections/projectionProgress';
import type { AccessTokens } from './auth/accessTokens';
import type { RateLimits } from './http/rateLimiter';

/** Everything the HTTP layer calls into, handed over by the composition root. */
export interface ApiServices {
  eventStore: EventStore;
  readStore: ReadStore;
  progress: ProjectionProgress;
  accessTokens: AccessTokens;
  registerUser: RegisterUser;
  sessions: Sessions;
  updateProfile: UpdateProfile;
  logger: Logger;
  limits: {
    jsonBodyBytes: number;
    readWaitMaxMs: number;
    rate: RateLimits;
    trustProxy: boolean;
  };
  /** Checks a store is reachable, for /ready. */
  storeChecks: Record<string, () => Promise<void>>;
}
