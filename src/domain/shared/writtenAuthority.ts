/** The authority of an http(s) URL as written: a parser reads `http:///x` as host `x`, which is not what its author wrote. */
const WRITTEN_AUTHORITY = /^https?:\/\/([^/\\?#]*)/i;

/** The authority (`user@host:port`) between `scheme://` and the path, as written; null when the URL does not start with `http(s)://`. */
export const writtenAuthority = (url: string): string | null => WRITTEN_AUTHORITY.exec(url)?.[1] ?? null;
