import { z } from 'zod';

/** Field rules shared by the commands and, through them, by the API's validation and OpenAPI document. */
export const usernameField = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, and _ . - (not first)');
/**
 * zod's email pattern with RFC 5321's lengths: at most 64 characters before the @, 63 per domain label, 254
 * in all. The pattern, unlike a refine, reaches the OpenAPI document.
 */
const EMAIL = /^(?=[^@]{1,64}@)(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63}$/;
export const emailField = z
  .email({ pattern: EMAIL, error: 'expected an email address: at most 64 characters before the @, at most 63 per domain label' })
  .max(254);
export const passwordField = z.string().min(8).max(256);
export const displayNameField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

export const registerUserInput = z.strictObject({
  username: usernameField,
  email: emailField,
  password: passwordField,
  display_name: displayNameField.optional(),
});

export const loginInput = z.strictObject({
  /** A username or an email address. */
  username: z.string().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const refreshTokenInput = z.strictObject({ refresh_token: z.string().min(1).max(512) });

export const updateProfileInput = z
  .strictObject({
    display_name: displayNameField.optional(),
    username: usernameField.optional(),
    email: emailField.optional(),
    password: passwordField.optional(),
    current_password: z.string().min(1).max(256).optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .refine((input) => input.password === undefined || input.current_password !== undefined, {
    message: 'current_password is required to change the password',
    path: ['current_password'],
  })
  .meta({ minProperties: 1 });
