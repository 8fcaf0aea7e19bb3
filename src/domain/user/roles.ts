import { z } from 'zod';

/**
 * Roles an operator grants (`filora users grant <username> admin|auditor`). An auditor reads the history of
 * every stream; an admin may do what an auditor may. Everyone else reads only the history of what they own
 * or may see through the access policy.
 */
export const ROLES = ['admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const roleName = z.enum(ROLES);

/** Whether holders of these roles read every stream's history. */
export const readsEveryStream = (roles: ReadonlySet<Role>): boolean => roles.has('auditor') || roles.has('admin');
