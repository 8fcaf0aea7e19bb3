import type { Readable } from 'node:stream';

/** The blob port: content-addressed bytes. Keys are the lowercase hex SHA-256 of the content. */
export interface StoredBlob {
  key: string;
  size: number;
}

/** Inclusive byte range, as in HTTP. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  /** Past this many bytes the put fails with BlobTooLargeError and leaves nothing behind. */
  maxBytes?: number;
}

export interface BlobStore {
  /** Streams source to a temporary name while hashing it, then makes it visible under its hash. */
  put(source: Readable, options?: PutOptions): Promise<StoredBlob>;
  /** Throws BlobNotFoundError for an unknown key, InvalidRangeError for a range outside the blob. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of a stored blob, or null. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Deleting an unknown key is a no-op. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
