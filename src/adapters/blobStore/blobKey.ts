/** A blob key is the lowercase hex SHA-256 of the content; anything else names no blob (and no path). */
const BLOB_KEY = /^[0-9a-f]{64}$/;

export function isBlobKey(key: string): boolean {
  return BLOB_KEY.test(key);
}
