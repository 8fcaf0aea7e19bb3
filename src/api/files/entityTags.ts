/** A version's ETag: its content hash, so identical content has the same tag whatever file holds it. */
export const entityTag = (sha256: string) => `"${sha256}"`;

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match uses weak comparison: `*`, or any listed tag equal to ours once `W/` is ignored. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaque(tag) === etag);
}

/** If-Range uses strong comparison; a date (we send no Last-Modified) never matches, so the whole content is sent. */
export function rangeStillValid(header: string | undefined, etag: string): boolean {
  return header === undefined || header.trim() === etag;
}
