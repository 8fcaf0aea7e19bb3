import { fileTypeFromBuffer } from 'file-type/core';
import { lookup } from 'mime-types';
import { DEFAULT_MIME_TYPE, mimeTypeOf } from './fileSchemas';

/** What curl --data-binary sends when told nothing else: it says nothing about the content. */
const FORM_URLENCODED = 'application/x-www-form-urlencoded';
/** busboy reports a part sent without Content-Type as text/plain (RFC 7578's default); the two cannot be told apart. */
const PART_DEFAULT = 'text/plain';
/** Formats that hold others: a name's extension (.docx, .xls, .apk) says more than their magic bytes. */
const CONTAINERS = new Set(['application/zip', 'application/x-cfb']);

interface Clues {
  /** The type the client sent, if it sent one. */
  given: string | undefined;
  /** Types besides application/octet-stream that, given, say nothing about the content. */
  unspecific?: readonly string[];
  /** The first bytes of the content (see contentHead). */
  head: Uint8Array;
  /** The file's name, for its extension. */
  filename: string | undefined;
  /** When nothing is recognised; application/octet-stream otherwise. */
  fallback?: string;
}

async function magicType(head: Uint8Array): Promise<string | undefined> {
  try {
    return (await fileTypeFromBuffer(head))?.mime;
  } catch {
    // Detection is a hint: content it cannot parse is simply of no known format.
    return undefined;
  }
}

/**
 * The media type to store: the client's own when it is specific, else the one the content's magic bytes
 * give, else the one of the name's extension (text formats have no magic bytes), else the fallback.
 */
async function mediaTypeOf(clues: Clues): Promise<string> {
  const given = clues.given === undefined ? undefined : mimeTypeOf(clues.given);
  if (given !== undefined && given !== DEFAULT_MIME_TYPE && !clues.unspecific?.includes(given)) return given;
  const byName = (clues.filename && lookup(clues.filename)) || undefined;
  const byContent = await magicType(clues.head);
  const detected = byContent && !(CONTAINERS.has(byContent) && byName) ? byContent : byName;
  return mimeTypeOf(detected ?? clues.fallback);
}

/** Text has no NUL bytes (the test git and grep use); binary content almost always does early on. */
const looksLikeText = (head: Uint8Array) => !head.includes(0);

/** A raw body (PUT /files/{id}/content): curl's default header counts as no type; the file's name hints. */
export const rawBodyType = (contentType: string | undefined, head: Uint8Array, currentName: string | undefined) =>
  mediaTypeOf({ given: contentType, unspecific: [FORM_URLENCODED], head, filename: currentName });

/**
 * A multipart file part. Its text/plain may be busboy's default for a part without type, so it stands only
 * when neither the bytes nor the name say better and the content looks like text.
 */
export function partType(contentType: string, head: Uint8Array, filename: string | undefined): Promise<string> {
  const asText = mimeTypeOf(contentType) === PART_DEFAULT && looksLikeText(head);
  return mediaTypeOf({ given: contentType, unspecific: [PART_DEFAULT], head, filename, fallback: asText ? PART_DEFAULT : undefined });
}

/** A JSON upload: content sent as text is text/plain unless something says better. */
export const jsonContentType = (mimeType: string | undefined, encoding: 'text' | 'base64', head: Uint8Array, name: string) =>
  mediaTypeOf({ given: mimeType, head, filename: name, fallback: encoding === 'text' ? 'text/plain' : undefined });
