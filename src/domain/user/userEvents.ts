import { z } from 'zod';
import { planName } from './plans';
import { roleName } from './roles';

export const userRegistered = z.object({
  type: z.literal('UserRegistered'),
  data: z.object({
    userId: z.uuid(),
    username: z.string(),
    email: z.string(),
    displayName: z.string(),
    passwordHash: z.string(),
  }),
});

export const userLoggedIn = z.object({
  type: z.literal('UserLoggedIn'),
  data: z.object({ userId: z.uuid(), sessionId: z.uuid() }),
});

export const userProfileChanged = z.object({
  type: z.literal('UserProfileChanged'),
  data: z.object({ userId: z.uuid(), displayName: z.string() }),
});

export const usernameChanged = z.object({
  type: z.literal('UsernameChanged'),
  data: z.object({ userId: z.uuid(), username: z.string(), previousUsername: z.string() }),
});

export const emailChanged = z.object({
  type: z.literal('EmailChanged'),
  data: z.object({ userId: z.uuid(), email: z.string(), previousEmail: z.string() }),
});

export const passwordChanged = z.object({
  type: z.literal('PasswordChanged'),
  data: z.object({ userId: z.uuid(), passwordHash: z.string() }),
});

/** Internal: DESIGN §4 gives it no public name (it still reaches Kafka's filora.user.v1 without one, as logins do). */
export const userPlanChanged = z.object({
  type: z.literal('UserPlanChanged'),
  data: z.object({ userId: z.uuid(), plan: planName, previousPlan: planName.nullable() }),
});

/** Internal, as plan changes are: an operator's `filora users grant <username> admin|auditor`. */
export const userRoleGranted = z.object({
  type: z.literal('UserRoleGranted'),
  data: z.object({ userId: z.uuid(), role: roleName }),
});

/** Internal: `filora users revoke <username> admin|auditor`. */
export const userRoleRevoked = z.object({
  type: z.literal('UserRoleRevoked'),
  data: z.object({ userId: z.uuid(), role: roleName }),
});

export const userEvent = z.discriminatedUnion('type', [
  userRegistered,
  userLoggedIn,
  userProfileChanged,
  usernameChanged,
  emailChanged,
  passwordChanged,
  userPlanChanged,
  userRoleGranted,
  userRoleRevoked,
]);

export type UserEvent = z.infer<typeof userEvent>;
export type UserRegistered = z.infer<typeof userRegistered>;
