import { totpDecider } from '../../domain/user/mfa/totpDecider';
import { userEvent } from '../../domain/user/userEvents';
import { aggregate } from '../aggregates';

/** The user stream (`user-<id>`) as the TOTP second factor decides on it. */
export const totpAggregate = aggregate('user', userEvent, totpDecider);
