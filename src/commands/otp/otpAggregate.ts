import { otpDecider } from '../../domain/user/otp/otpDecider';
import { userEvent } from '../../domain/user/userEvents';
import { aggregate } from '../aggregates';

/** The user stream (`user-<id>`) as one-time codes decide on it. */
export const otpAggregate = aggregate('user', userEvent, otpDecider);
