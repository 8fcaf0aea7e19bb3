import { z } from 'zod';

/**
 * The rules of a file's own fields, wherever they come from: the REST API's schemas (src/api/files/fileSchemas.ts)
 * and the values an incoming webhook maps from a payload (src/domain/incoming/mapping).
 */

/** `type/subtype` as in Content-Type, without parameters, in lower case. */
export const mimeTypeField = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/, 'must be a media type like text/plain')
  .transform((value) => value.toLowerCase());

export const tagField = z
  .string()
  .trim()
  .min(1)
  .max(50)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f,]*$/, 'must not contain commas or control characters')
  .transform((tag) => tag.toLowerCase());

/** Tags are matched regardless of letter case: kept in lower case, each once, in the order given. */
export const tagsField = z
  .array(tagField)
  .max(20)
  .transform((tags) => [...new Set(tags)]);

export const descriptionField = z.string().max(2000).nullable();

/** Base64 as RFC 4648 writes it, padded. */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
