import { z } from 'zod';
import { entryNameField, parentField } from '../entries/entryFields';

export const createFolderInput = z.strictObject({ name: entryNameField, parent_id: parentField.default(null) });

export const patchFolderInput = z
  .strictObject({ name: entryNameField.optional(), parent_id: parentField.optional() })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });

/** PUT replaces the name and the parent at once. */
export const putFolderInput = z.strictObject({ name: entryNameField, parent_id: parentField });
