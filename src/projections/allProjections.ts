import type { Projection } from './projection';
import { usersProjection } from './users/usersProjection';

/** Every read model of the platform; the runner, rebuild and /ready all take this list. */
export const allProjections: readonly Projection[] = [usersProjection];
