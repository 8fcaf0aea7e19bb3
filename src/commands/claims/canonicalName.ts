/** Claimed values are unique regardless of letter case and Unicode compatibility forms. */
export const canonicalName = (value: string) => value.normalize('NFKC').toLowerCase();
