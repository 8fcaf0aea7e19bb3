import { z } from 'zod';

/**
 * A file or folder name: 1 to 255 bytes of UTF-8, no `/`, no NUL or other control characters (they would
 * break paths and headers), not `.` or `..`, and no whitespace at either end.
 */
export const entryNameField = z
  .string()
  .min(1, 'must not be empty')
  .max(255)
  .refine((name) => Buffer.byteLength(name, 'utf8') <= 255, 'must be at most 255 bytes of UTF-8')
  // Patterns rather than refinements, so the OpenAPI document states them too.
  .regex(/^[^/]*$/, "must not contain '/'")
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain NUL or other control characters')
  .refine((name) => name !== '.' && name !== '..', "must not be '.' or '..'")
  .refine((name) => name.trim() === name, 'must not start or end with whitespace');

/** A folder to put an entry in: a folder id, or null for the root. */
export const parentField = z.uuid().nullable();
