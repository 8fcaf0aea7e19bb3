/** Errors that every adapter of a port raises the same way, so callers can tell them apart. */

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${expected}, actual ${String(actual)}`);
  }
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`blob ${key} not found`);
  }
}

export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
  }
}

export class InvalidRangeError extends Error {
  override readonly name = 'InvalidRangeError';
  constructor(readonly size: number) {
    super(`range not satisfiable for a blob of ${size} bytes`);
  }
}

export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  constructor(
    readonly collection: string,
    readonly index: string,
  ) {
    super(`duplicate key in ${collection} for unique index ${index}`);
  }
}
