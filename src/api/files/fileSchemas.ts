import { z } from 'zod';
import { entryNameField, parentField } from '../entries/entryFields';
import { BASE64, descriptionField, mimeTypeField, tagField, tagsField } from '../../domain/file/fileFields';

export { mimeTypeField, tagsField };

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** The media type of a Content-Type header value, or the default when it is missing or not one. */
export function mimeTypeOf(contentType: string | undefined): string {
  const parsed = mimeTypeField.safeParse((contentType ?? '').split(';')[0]!.trim());
  return parsed.success ? parsed.data : DEFAULT_MIME_TYPE;
}

export const tagFilterField = tagField;

/** A small file sent as JSON by API clients; larger content goes through multipart or PUT /files/{id}/content. */
export const jsonUploadInput = z
  .strictObject({
    name: entryNameField,
    folder_id: parentField.default(null),
    mime_type: mimeTypeField.optional(),
    content: z.string().meta({ description: 'The content: the text itself, or base64 (RFC 4648, padded) when encoding is base64' }),
    encoding: z.enum(['text', 'base64']).default('text'),
    overwrite: z.boolean().default(false),
  })
  .refine((input) => input.encoding !== 'base64' || BASE64.test(input.content), { message: 'must be base64', path: ['content'] })
  .meta({
    if: { properties: { encoding: { const: 'base64' } }, required: ['encoding'] },
    then: { properties: { content: { contentEncoding: 'base64', pattern: BASE64.source } } },
  });
export type JsonUploadInput = z.infer<typeof jsonUploadInput>;

const formBoolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** The text fields of a multipart upload; an empty or `root` folder_id is the root. */
export const multipartUploadFields = z.strictObject({
  name: entryNameField.optional(),
  folder_id: z
    .union([z.uuid(), z.literal(''), z.literal('root')])
    .transform((value) => (value === '' || value === 'root' ? null : value))
    .default(null),
  overwrite: formBoolean.default(false),
});

/** The whole form, for the OpenAPI document: the fields plus the `file` part. */
export const multipartUploadForm = multipartUploadFields
  .extend({
    file: z.string().meta({ format: 'binary', description: 'the content; its filename is the default name' }),
  })
  .meta({
    description:
      'One part named `file` with the content, and the text fields name, folder_id and overwrite either all before it (then checked before any content is stored: send them first) or all after it. A form that puts some fields before the file part and some after is refused.',
  });

const fileChanges = { name: entryNameField, folder_id: parentField, description: descriptionField, tags: tagsField };

export const patchFileInput = z
  .strictObject({
    name: fileChanges.name.optional(),
    folder_id: fileChanges.folder_id.optional(),
    description: fileChanges.description.optional(),
    tags: fileChanges.tags.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });

/** PUT replaces every editable field at once. */
export const putFileInput = z.strictObject(fileChanges);
