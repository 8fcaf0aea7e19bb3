import { MongoServerError } from 'mongodb';
import { DuplicateKeyError } from '../../ports/errors';

const DUPLICATE_KEY = 11000;

/** An E11000, whichever unique index (`_id` included) refused the write. */
export function isDuplicateKeyError(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * Turns an E11000 on a secondary unique index into the port's DuplicateKeyError; anything else passes through.
 * The index is named by the server's message; a server whose message names none gives an empty index name.
 */
export function asDuplicateKeyError(collection: string, error: unknown): unknown {
  if (!isDuplicateKeyError(error)) return error;
  const index = /index: (\S+) dup key/.exec(error.message)?.[1] ?? '';
  return index === '_id_' ? error : new DuplicateKeyError(collection, index);
}
