import { MongoServerError } from 'mongodb';
import { DuplicateKeyError } from '../../ports/errors';

const DUPLICATE_KEY = 11000;

/** An E11000 on `_id`: a guarded upsert found the document but not a lower `_position`. */
export function isDuplicateIdError(error: unknown): boolean {
  return duplicateIndex(error) === '_id_';
}

/** Turns an E11000 on a secondary unique index into the port's DuplicateKeyError; anything else passes through. */
export function asDuplicateKeyError(collection: string, error: unknown): unknown {
  const index = duplicateIndex(error);
  return index === undefined || index === '_id_' ? error : new DuplicateKeyError(collection, index);
}

function duplicateIndex(error: unknown): string | undefined {
  if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) return undefined;
  return /index: (\S+) dup key/.exec(error.message)?.[1] ?? '';
}
